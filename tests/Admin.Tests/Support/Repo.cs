namespace Sejahtera.Admin.Tests.Support;

/// <summary>Where the repository and the built host are, seen from the test's output folder.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration these tests were built in, used for the host too.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string AdminDll => Path.Combine(Root, "src", "Admin", "bin", Configuration, "net10.0", "Sejahtera.Admin.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sejahtera.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Sejahtera.sln not found above the test folder.");
    }
}
