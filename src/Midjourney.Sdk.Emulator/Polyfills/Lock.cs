#if !NET9_0_OR_GREATER
namespace System.Threading;

/// <summary>
/// net8.0 has no <c>System.Threading.Lock</c>: this stand-in gives the compiler what a <c>lock</c> statement on it needs
/// (<see cref="EnterScope"/>), over a monitor, as locking was before .NET 9.
/// </summary>
internal sealed class Lock
{
    // The monitor is taken on a private object: Monitor.Enter(this) would be the lock-on-a-Lock the compiler warns about.
    private readonly object _monitor = new();

    public Scope EnterScope()
    {
        Monitor.Enter(_monitor);
        return new Scope(_monitor);
    }

    public ref struct Scope
    {
        private object? _owner;

        internal Scope(object owner) => _owner = owner;

        public void Dispose()
        {
            object? owner = _owner;
            if (owner is not null)
            {
                _owner = null;
                Monitor.Exit(owner);
            }
        }
    }
}
#endif
