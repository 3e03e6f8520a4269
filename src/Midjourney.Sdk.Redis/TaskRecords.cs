using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Waiting;
using StackExchange.Redis;

namespace Midjourney.Sdk.Redis;

/// <summary>
/// The tasks one client tracks, kept in Redis so that tracking resumes after a restart: a hash per task (client name,
/// provider, id, submitted at, deadline, last state) that expires <see cref="MidjourneyRedisOptions.TaskRetention"/> after
/// the task is final or its deadline passed, and a sorted set of the unfinished ones scored by when their hash expires.
/// This instance keeps its own copy of what it recorded, to write each new state and to write it all again when Redis
/// returns after an outage. Nothing secret is written: the last state is the task's public state, without its raw payload.
/// </summary>
internal sealed class TaskRecords
{
    /// <summary>At most this many recorded tasks are resumed at start (more is a sign of a prefix shared by mistake).</summary>
    internal const int MaxResumed = 10_000;

    private const int LoadChunk = 100;

    private readonly ConcurrentDictionary<string, TrackedTaskRecord> _mine = new(StringComparer.Ordinal);
    private readonly string _keyPrefix;
    private readonly RedisKey _index;
    private readonly string _clientName;
    private readonly MidjourneyProvider _provider;
    private readonly TimeSpan _retention;
    private readonly string _instanceId;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _pruneAt = 1024;

    public TaskRecords(string keyPrefix, string indexKey, string clientName, MidjourneyProvider provider, TimeSpan retention, string instanceId, TimeProvider time, ILogger logger)
    {
        _keyPrefix = keyPrefix;
        _index = indexKey;
        _clientName = clientName;
        _provider = provider;
        _retention = retention;
        _instanceId = instanceId;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many tasks this instance has recorded and not yet seen final (for tests).</summary>
    internal int Count => _mine.Count;

    /// <summary>Keeps <paramref name="record"/> here and writes it, unless <paramref name="db"/> is null (Redis away: written when it returns).</summary>
    public void Track(IDatabase? db, TrackedTaskRecord record)
    {
        _mine.AddOrUpdate(record.Id, record, (_, known) => known.Deadline >= record.Deadline ? known : record with { Last = known.Last ?? record.Last });
        PruneExpired();
        if (db is not null && _mine.TryGetValue(record.Id, out TrackedTaskRecord? current))
        {
            Write(db, current);
        }
    }

    /// <summary>A new state of a task: written when this instance recorded it; a final one ends its record here.</summary>
    public void Update(IDatabase? db, MidjourneyTask task)
    {
        if (!_mine.TryGetValue(task.Id, out TrackedTaskRecord? known))
        {
            return;
        }

        TrackedTaskRecord record = known with { Last = task };
        if (TaskWaiter.Ends(task))
        {
            _mine.TryRemove(task.Id, out _);
        }
        else
        {
            _mine.TryUpdate(task.Id, record, known);
        }

        if (db is not null)
        {
            Write(db, record);
        }
    }

    /// <summary>Writes again everything this instance recorded (Redis is back after an outage).</summary>
    public void WriteAll(IDatabase db)
    {
        foreach (TrackedTaskRecord record in _mine.Values)
        {
            Write(db, record);
        }
    }

    /// <summary>
    /// Reads the unfinished tasks recorded for this client (by any instance, this one before a restart included), drops
    /// the expired ones from the index, and hands each to <paramref name="resume"/>; it is kept here from then on.
    /// </summary>
    public async Task<int> ResumeAsync(IDatabase db, Action<TrackedTaskRecord> resume)
    {
        await db.SortedSetRemoveRangeByScoreAsync(_index, double.NegativeInfinity, _time.GetUtcNow().ToUnixTimeMilliseconds()).ConfigureAwait(false);
        RedisValue[] ids = await db.SortedSetRangeByRankAsync(_index, 0, MaxResumed - 1).ConfigureAwait(false);
        int resumed = 0;
        foreach (RedisValue[] chunk in ids.Chunk(LoadChunk))
        {
            HashEntry[][] hashes = await Task.WhenAll(chunk.Select(id => db.HashGetAllAsync(_keyPrefix + (string)id!))).ConfigureAwait(false);
            for (int i = 0; i < chunk.Length; i++)
            {
                string id = chunk[i]!;
                TrackedTaskRecord? record = Read(id, hashes[i]);
                if (record is null)
                {
                    // Expired, or not ours to read: no longer a task to resume.
                    db.SortedSetRemove(_index, id, CommandFlags.FireAndForget);
                    continue;
                }

                if (record.Last is { } last && TaskWaiter.Ends(last))
                {
                    continue;
                }

                _mine.TryAdd(id, record);
                resume(record);
                resumed++;
            }
        }

        return resumed;
    }

    private void Write(IDatabase db, TrackedTaskRecord record)
    {
        DateTimeOffset now = _time.GetUtcNow();
        bool ended = record.Last is { } last && TaskWaiter.Ends(last);
        DateTimeOffset expires = (ended ? now : Later(record.Deadline, now)) + _retention;
        var fields = new List<HashEntry>(6)
        {
            new("client", _clientName),
            new("provider", _provider.ToString()),
            new("id", record.Id),
            new("deadline", record.Deadline.ToString("O", CultureInfo.InvariantCulture)),
        };
        if (record.SubmittedAt is { } submitted)
        {
            fields.Add(new("submittedAt", submitted.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (record.Last is { } state)
        {
            fields.Add(new("last", JsonSerializer.SerializeToUtf8Bytes(TaskMessage.From(state, _instanceId), RedisJsonContext.Default.TaskMessage)));
        }

        // Pipelined in order on one connection; a hash field set keeps the key's expiry, which is set right after.
        RedisKey key = _keyPrefix + record.Id;
        db.HashSet(key, [.. fields], CommandFlags.FireAndForget);
        db.KeyExpire(key, expires - now, CommandFlags.FireAndForget);
        if (ended)
        {
            db.SortedSetRemove(_index, record.Id, CommandFlags.FireAndForget);
        }
        else
        {
            db.SortedSetAdd(_index, record.Id, expires.ToUnixTimeMilliseconds(), CommandFlags.FireAndForget);
        }
    }

    /// <summary>A record as read back; null when it is gone or does not read as one of this client's.</summary>
    private TrackedTaskRecord? Read(string id, HashEntry[] hash)
    {
        if (hash.Length == 0)
        {
            return null;
        }

        var fields = hash.ToDictionary(e => (string)e.Name!, e => e.Value, StringComparer.Ordinal);
        if (!fields.TryGetValue("id", out RedisValue storedId) || storedId != id
            || !fields.TryGetValue("client", out RedisValue client) || client != _clientName
            || !fields.TryGetValue("provider", out RedisValue provider) || provider != _provider.ToString()
            || !TryReadTime(fields, "deadline", out DateTimeOffset deadline))
        {
            Log.RecordUnreadable(_logger, id, "its fields do not match this client");
            return null;
        }

        DateTimeOffset? submitted = TryReadTime(fields, "submittedAt", out DateTimeOffset at) ? at : null;
        MidjourneyTask? last = null;
        if (fields.TryGetValue("last", out RedisValue state))
        {
            try
            {
                TaskMessage? message = JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)state).Span, RedisJsonContext.Default.TaskMessage);
                last = message is not null && message.Id == id ? message.ToTask(_provider) : null;
            }
            catch (JsonException ex)
            {
                Log.RecordUnreadable(_logger, id, ex.Message);
            }
        }

        return new TrackedTaskRecord(id, submitted, deadline, last);
    }

    private static bool TryReadTime(Dictionary<string, RedisValue> fields, string name, out DateTimeOffset value)
    {
        value = default;
        return fields.TryGetValue(name, out RedisValue text)
            && DateTimeOffset.TryParseExact((string?)text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>Drops from this instance's copy the records whose deadline passed (their waits ended here without a final state).</summary>
    private void PruneExpired()
    {
        if (_mine.Count < Volatile.Read(ref _pruneAt))
        {
            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        foreach (KeyValuePair<string, TrackedTaskRecord> entry in _mine)
        {
            if (entry.Value.Deadline < now)
            {
                _mine.TryRemove(entry);
            }
        }

        Volatile.Write(ref _pruneAt, Math.Max(1024, 2 * _mine.Count));
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
