using System.Text;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Engine.Persistence;

/// <summary>
/// The one model of the application. Each entity is configured by an
/// <see cref="IEntityTypeConfiguration{TEntity}"/> beside its feature. Each provider has a subclass
/// only so that it can carry its own migrations; table and column names are snake_case everywhere
/// so that the bulk paths can share SQL text across providers.
/// </summary>
public abstract class SejahteraDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<DtksSnapshot> Snapshots => Set<DtksSnapshot>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<ImportReject> ImportRejects => Set<ImportReject>();
    public DbSet<RegistrySummary> RegistrySummaries => Set<RegistrySummary>();
    public DbSet<RuleSetVersion> RuleSetVersions => Set<RuleSetVersion>();
    public DbSet<StoredDecision> Decisions => Set<StoredDecision>();
    public DbSet<ScreeningRun> ScreeningRuns => Set<ScreeningRun>();
    public DbSet<IdBlock> IdBlocks => Set<IdBlock>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<ProposalTask> ProposalTasks => Set<ProposalTask>();
    public DbSet<ProposalTransition> ProposalTransitions => Set<ProposalTransition>();
    public DbSet<ProposalDocument> ProposalDocuments => Set<ProposalDocument>();
    public DbSet<WorkflowDefinitionVersion> WorkflowDefinitions => Set<WorkflowDefinitionVersion>();
    public DbSet<PaymentBatch> PaymentBatches => Set<PaymentBatch>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<ScreeningResult> ScreeningResults => Set<ScreeningResult>();
    public DbSet<ScreeningRuleSet> ScreeningRuleSets => Set<ScreeningRuleSet>();
    public DbSet<ScreeningCarry> ScreeningCarries => Set<ScreeningCarry>();
    public DbSet<HouseholdFingerprint> HouseholdFingerprints => Set<HouseholdFingerprint>();
    public DbSet<Screening.Quotas.ScreeningQuota> ScreeningQuotas => Set<Screening.Quotas.ScreeningQuota>();
    public DbSet<PantiHome> PantiHomes => Set<PantiHome>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<ResidentStageEntry> ResidentStages => Set<ResidentStageEntry>();
    public DbSet<PantiTermination> PantiTerminations => Set<PantiTermination>();
    public DbSet<Kpm> Kpms => Set<Kpm>();
    public DbSet<KpmExit> KpmExits => Set<KpmExit>();
    public DbSet<GraduationCase> GraduationCases => Set<GraduationCase>();
    public DbSet<KubeCandidate> KubeCandidates => Set<KubeCandidate>();
    public DbSet<PkhEvaluationRun> PkhEvaluationRuns => Set<PkhEvaluationRun>();
    public DbSet<IndicatorProgram> IndicatorPrograms => Set<IndicatorProgram>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorYear> IndicatorYears => Set<IndicatorYear>();
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();
    public DbSet<IndicatorSnapshot> IndicatorSnapshots => Set<IndicatorSnapshot>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SejahteraDbContext).Assembly);
        ApplySnakeCase(builder);
    }

    private static void ApplySnakeCase(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && table.StartsWith("AspNet", StringComparison.Ordinal))
            {
                entity.SetTableName(SnakeCase(table));
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

public sealed class SqliteSejahteraDbContext(DbContextOptions<SqliteSejahteraDbContext> options) : SejahteraDbContext(options);

public sealed class PostgresSejahteraDbContext(DbContextOptions<PostgresSejahteraDbContext> options) : SejahteraDbContext(options);

public sealed class SqlServerSejahteraDbContext(DbContextOptions<SqlServerSejahteraDbContext> options) : SejahteraDbContext(options);
