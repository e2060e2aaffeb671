namespace Sejahtera.Admin.Tests.Support;

/// <summary>
/// Tests that import tens of thousands of households into a real host process and kill it: they run
/// alone, after the parallel ones, so their load does not starve the browser tests' timeouts on a
/// two-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyTests
{
    public const string Name = "heavy: real processes on a large registry";
}
