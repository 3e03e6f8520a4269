namespace Midjourney.Sdk.Tests.Downloads;

/// <summary><c>MidjourneyImage.FromFile</c> / <c>FromStream</c>: the type from the first bytes, the name or the caller; limits.</summary>
public sealed class ImageInputTests : IDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3, 4];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1];

    private readonly string _folder = Directory.CreateTempSubdirectory("mjsdk-images-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task FromFile_TellsTheTypeFromTheBytes_WhateverTheName()
    {
        string path = Write("photo.png", Jpeg); // misnamed: the bytes win

        MidjourneyImage image = MidjourneyImage.FromFile(path);
        MidjourneyImage read = await MidjourneyImage.FromFileAsync(path);

        Assert.Equal("image/jpeg", image.MediaType);
        Assert.Equal(Jpeg, image.Data.ToArray());
        Assert.Equal(Jpeg, read.Data.ToArray());
        Assert.False(image.IsUrl);
    }

    [Fact]
    public void FromFile_OfUnknownBytes_FallsBackToTheExtension_ElseRefuses()
    {
        Assert.Equal("image/webp", MidjourneyImage.FromFile(Write("a.webp", [1, 2, 3, 4])).MediaType);
        ArgumentException error = Assert.Throws<ArgumentException>(() => MidjourneyImage.FromFile(Write("notes.txt", [1, 2, 3, 4])));
        Assert.Contains("give its media type", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MidjourneyImage.FromFile(Write("empty.png", [])));
        Assert.Throws<FileNotFoundException>(() => MidjourneyImage.FromFile(Path.Combine(_folder, "missing.png")));
    }

    [Fact]
    public async Task FromStream_TakesTheCallersType_OrTellsItFromTheBytes_AndLeavesTheStreamOpen()
    {
        using var stream = new MemoryStream(Png);

        MidjourneyImage sniffed = MidjourneyImage.FromStream(stream);
        stream.Position = 0;
        MidjourneyImage given = await MidjourneyImage.FromStreamAsync(stream, "image/x-custom");

        Assert.Equal("image/png", sniffed.MediaType);
        Assert.Equal("image/x-custom", given.MediaType);
        Assert.True(stream.CanRead);
        Assert.Throws<ArgumentException>(() => MidjourneyImage.FromStream(new MemoryStream([1, 2, 3])));
    }

    [Fact]
    public void FromStream_LargerThanTheLimit_IsRefused()
    {
        using var stream = new MemoryStream(new byte[MidjourneyImage.MaxFileBytes + 1]);

        ArgumentException error = Assert.Throws<ArgumentException>(() => MidjourneyImage.FromStream(stream, "image/png"));

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }
}
