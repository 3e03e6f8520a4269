using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Readme;

/// <summary>
/// Every region of test code between <c>// README: begin</c> and <c>// README: end</c> appears in README.md as written
/// (indentation aside), so the README's snippets are code that compiles and runs.
/// </summary>
public sealed class ReadmeSnippetSyncTests
{
    private static string Root() => RepositoryRoot.Path;

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Root(), "tests"), "*.cs", SearchOption.AllDirectories))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() == "// README: begin")
                {
                    data.Add(Path.GetRelativePath(Root(), file), i + 1);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void ASnippetMarkedInATest_IsInTheReadme_AsWritten(string file, int line)
    {
        string[] lines = File.ReadAllLines(Path.Combine(Root(), file));
        List<string> snippet = [.. lines.Skip(line).TakeWhile(l => l.Trim() != "// README: end")];
        int indent = snippet.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        string expected = string.Join('\n', snippet.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
        string readme = File.ReadAllText(Path.Combine(Root(), "README.md")).ReplaceLineEndings("\n");

        Assert.True(readme.Contains(expected, StringComparison.Ordinal), $"README.md does not hold the snippet of {file}:{line} as written:\n{expected}");
    }
}
