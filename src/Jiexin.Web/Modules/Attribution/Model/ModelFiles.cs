namespace Jiexin.Modules.Attribution.Model;

/// <summary>Where model files live and how they are read and written.</summary>
public static class ModelFiles
{
    /// <summary>The model shipped with the app (repository <c>models/</c>, copied next to the executable).</summary>
    public const string ShippedPath = "models/first-level.jxtc";

    public static string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    public static TextClassifier Load(string path)
    {
        using var stream = File.OpenRead(Resolve(path));
        return TextClassifier.Load(stream);
    }

    /// <summary>Writes to a temporary file first and then moves it over, so a reader never sees half a model.</summary>
    public static void Save(TextClassifier model, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        using (var stream = File.Create(temporary))
        {
            model.Save(stream);
        }

        File.Move(temporary, full, overwrite: true);
    }
}
