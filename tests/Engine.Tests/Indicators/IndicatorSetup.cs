using Microsoft.Extensions.Time.Testing;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Engine.Tests.Indicators;

/// <summary>The indicator use cases wired as the host wires them, on a clock the test moves.</summary>
internal sealed class IndicatorSetup
{
    public IndicatorSetup(DatabaseSettings settings, FakeTimeProvider time)
    {
        Time = time;
        var catalog = new RuleSetCatalog();
        Workflow = new ProposalWorkflow(new EvaluateSubject(catalog, time), catalog, time);
        Measures = new IndicatorMeasures(Workflow);
        Realization = new IndicatorRealization(Measures);
        Catalog = new ImportCatalog(time);
        Values = new IndicatorValues(time);
        Record = new RecordIndicatorValues(time);
        Compute = new ComputeIndicators(settings, Realization, time);
        Reports = new IndicatorReports(Realization, Measures, time);
    }

    public FakeTimeProvider Time { get; }
    public ProposalWorkflow Workflow { get; }
    public IndicatorMeasures Measures { get; }
    public IndicatorRealization Realization { get; }
    public ImportCatalog Catalog { get; }
    public IndicatorValues Values { get; }
    public RecordIndicatorValues Record { get; }
    public ComputeIndicators Compute { get; }
    public IndicatorReports Reports { get; }

    public static readonly string[] Admin = ["admin"];

    /// <summary>A file of the project's docs folder (the T-C.23 catalog and its realizations).</summary>
    public static string DocsFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sejahtera.sln")))
            {
                return Path.Combine(dir.FullName, "docs", "data", name);
            }
        }
        throw new InvalidOperationException("Sejahtera.sln not found above the test folder.");
    }

    /// <summary>A minimal PNG: the first bytes are what the evidence check reads.</summary>
    public static byte[] Png { get; } = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
}
