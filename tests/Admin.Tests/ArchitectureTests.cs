using System.Reflection;
using System.Xml.Linq;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

public sealed class ArchitectureTests
{
    private static readonly string[] Forbidden =
    [
        "Sejahtera.Engine", "Sejahtera.Admin", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore",
        "Microsoft.Data.Sqlite", "Microsoft.Data.SqlClient", "Npgsql", "Hangfire",
    ];

    public static TheoryData<string> PureProjects => new() { "Sejahtera.Rules", "Sejahtera.Workflows" };

    [Theory]
    [MemberData(nameof(PureProjects))]
    public void Rules_and_Workflows_know_nothing_of_the_engine_the_host_databases_or_the_web(string assemblyName)
    {
        var references = Assembly.Load(assemblyName).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var wrong = references.Where(r => Forbidden.Any(f => r == f || r.StartsWith(f + ".", StringComparison.Ordinal))).ToList();

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("src/Rules/Sejahtera.Rules.csproj")]
    [InlineData("src/Workflows/Sejahtera.Workflows.csproj")]
    public void Rules_and_Workflows_project_files_reference_no_engine_host_database_or_web_package(string project)
    {
        // Unused references vanish from the compiled assembly, so the project file is checked as well.
        var document = XDocument.Load(Path.Combine(Repo.Root, project));
        var includes = document.Descendants()
            .Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference" or "FrameworkReference")
            .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include") ?? ""))
            .ToList();

        Assert.DoesNotContain(includes, i => Forbidden.Any(f => i == f || i.StartsWith(f + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public void Rules_and_Workflows_do_not_reference_each_other()
    {
        Assert.DoesNotContain(Assembly.Load("Sejahtera.Rules").GetReferencedAssemblies(), a => a.Name == "Sejahtera.Workflows");
        Assert.DoesNotContain(Assembly.Load("Sejahtera.Workflows").GetReferencedAssemblies(), a => a.Name == "Sejahtera.Rules");
    }

    [Fact]
    public void The_engine_does_not_depend_on_the_host()
    {
        Assert.DoesNotContain(Assembly.Load("Sejahtera.Engine").GetReferencedAssemblies(), a => a.Name == "Sejahtera.Admin");
    }
}
