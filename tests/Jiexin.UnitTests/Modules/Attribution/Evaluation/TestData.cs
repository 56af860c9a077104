namespace Jiexin.UnitTests.Modules.Attribution.Evaluation;

/// <summary>
/// The shared labelled data: <c>JIEXIN_TEST_DATA</c>, else <c>../shared/data</c> next to the repository root when it
/// exists. Tests that need it skip with the reason when it is absent.
/// </summary>
internal static class TestData
{
    public static string? Directory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("JIEXIN_TEST_DATA");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured;
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Jiexin.slnx")))
                {
                    var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                    return System.IO.Directory.Exists(shared) ? shared : null;
                }
            }

            return null;
        }
    }

    /// <summary>The path of a data file, or skips the calling test saying what is missing.</summary>
    public static string RequireFile(string name)
    {
        var dir = Directory;
        if (dir is null)
        {
            Assert.Skip($"Labelled data not found: set JIEXIN_TEST_DATA to the folder holding {name} (bash .ci/run does when ../shared/data exists).");
        }

        var path = Path.Combine(dir, name);
        if (!File.Exists(path))
        {
            Assert.Skip($"{name} is not in {dir} (JIEXIN_TEST_DATA).");
        }

        return path;
    }
}
