namespace Sejahtera.Admin.Tests.Support;

/// <summary>
/// The general CLI test classes (import, help, rules, screen, workflows), one at a time as when they were
/// one class: each test starts real host processes. Split to run side by side on two cores, the Admin
/// tests took 17.8 min against 16.7 min one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CliTestsCollection
{
    public const string Name = "cli: real host processes, one test class at a time";
}
