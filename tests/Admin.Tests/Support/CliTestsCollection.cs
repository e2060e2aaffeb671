namespace Sejahtera.Admin.Tests.Support;

/// <summary>
/// The general CLI test classes (import, help, rules, screen, workflows), one at a time as when they were
/// one class: each test starts real host processes. Split to run side by side on two cores they made the
/// suite slower (Admin tests 17.8 min against 16.1 min), and the killed-import test saw its import finish
/// before the kill.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CliTestsCollection
{
    public const string Name = "cli: real host processes, one test class at a time";
}
