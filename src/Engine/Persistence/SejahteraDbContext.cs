using System.Text;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Regions;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Engine.Persistence;

/// <summary>
/// The one model of the application. Each provider has a subclass only so that it can carry its
/// own migrations; table and column names are snake_case everywhere so that the bulk paths can
/// share SQL text across providers.
/// </summary>
public abstract class SejahteraDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<DtksSnapshot> Snapshots => Set<DtksSnapshot>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<ImportReject> ImportRejects => Set<ImportReject>();
    public DbSet<RuleSetVersion> RuleSetVersions => Set<RuleSetVersion>();
    public DbSet<StoredDecision> Decisions => Set<StoredDecision>();
    public DbSet<ScreeningRun> ScreeningRuns => Set<ScreeningRun>();
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Region>(e =>
        {
            e.ToTable("regions");
            e.HasKey(r => r.Code);
            e.Property(r => r.Code).HasMaxLength(13);
            e.Property(r => r.Name).HasMaxLength(120);
            e.Property(r => r.ParentCode).HasMaxLength(13);
            e.HasIndex(r => r.ParentCode);
        });

        builder.Entity<DtksSnapshot>(e =>
        {
            e.ToTable("dtks_snapshots");
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Period).HasMaxLength(7);
            e.Property(s => s.SourceFileName).HasMaxLength(260);
            e.Property(s => s.SourceSha256).HasMaxLength(64);
            e.HasIndex(s => s.SourceSha256).IsUnique();
            e.HasIndex(s => s.Period).IsUnique();
        });

        builder.Entity<Household>(e =>
        {
            e.ToTable("households");
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.IdDtks).HasMaxLength(40);
            e.Property(h => h.RegionCode).HasMaxLength(13);
            e.Property(h => h.KabupatenCode).HasMaxLength(5);
            e.Property(h => h.NoKk).HasMaxLength(16);
            e.HasIndex(h => new { h.SnapshotId, h.IdDtks }).IsUnique();
            e.HasIndex(h => new { h.SnapshotId, h.KabupatenCode });
            e.HasIndex(h => h.NoKk);
            e.HasOne<DtksSnapshot>().WithMany().HasForeignKey(h => h.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Member>(e =>
        {
            e.ToTable("members");
            e.Property(m => m.Id).ValueGeneratedNever();
            e.Property(m => m.Nik).HasMaxLength(16);
            e.Property(m => m.Name).HasMaxLength(120);
            e.Property(m => m.Sex).HasConversion<string>().HasMaxLength(1);
            // No foreign key to households on purpose: the import streams members first and writes
            // households at the end of the file, when their member counts are known.
            e.HasIndex(m => new { m.SnapshotId, m.Nik });
            e.HasIndex(m => m.HouseholdId);
        });

        builder.Entity<ImportReject>(e =>
        {
            e.ToTable("import_rejects");
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.IdDtks).HasMaxLength(40);
            e.Property(r => r.Reason).HasMaxLength(500);
            e.Property(r => r.RawLine).HasMaxLength(2000);
            e.HasIndex(r => new { r.SnapshotId, r.IdDtks });
            e.HasOne<DtksSnapshot>().WithMany().HasForeignKey(r => r.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RuleSetVersion>(e =>
        {
            e.ToTable("rule_set_versions");
            e.Property(r => r.Program).HasMaxLength(60);
            e.Property(r => r.Version).HasMaxLength(40);
            e.Property(r => r.Title).HasMaxLength(200);
            e.Property(r => r.Subject).HasMaxLength(40);
            e.Property(r => r.Hash).HasMaxLength(64);
            e.Property(r => r.Status).HasMaxLength(20);
            e.Property(r => r.Author).HasMaxLength(100);
            e.Property(r => r.PublishedBy).HasMaxLength(100);
            e.HasIndex(r => r.Hash).IsUnique();
            e.HasIndex(r => new { r.Program, r.Version }).IsUnique();
        });

        builder.Entity<StoredDecision>(e =>
        {
            e.ToTable("decisions");
            e.Property(d => d.Program).HasMaxLength(60);
            e.Property(d => d.SubjectType).HasMaxLength(40);
            e.Property(d => d.SubjectId).HasMaxLength(60);
            e.Property(d => d.Outcome).HasMaxLength(60);
            e.Property(d => d.Amount).HasPrecision(18, 2);
            e.Property(d => d.RuleSetVersion).HasMaxLength(40);
            e.Property(d => d.RuleSetHash).HasMaxLength(64);
            e.Property(d => d.DecidedBy).HasMaxLength(100);
            e.HasIndex(d => new { d.Program, d.SubjectId });
            e.HasIndex(d => d.HouseholdId);
        });

        builder.Entity<ScreeningRun>(e =>
        {
            e.ToTable("screening_runs");
            e.Property(r => r.Period).HasMaxLength(7);
            e.Property(r => r.Programs).HasMaxLength(400);
            e.Property(r => r.KabupatenCode).HasMaxLength(5);
            e.Property(r => r.Status).HasMaxLength(20);
            e.Property(r => r.RequestedBy).HasMaxLength(100);
            e.Property(r => r.Error).HasMaxLength(1000);
        });

        builder.Entity<ScreeningResult>(e =>
        {
            e.ToTable("screening_results");
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.KabupatenCode).HasMaxLength(5);
            e.Property(r => r.Program).HasMaxLength(60);
            e.Property(r => r.Outcome).HasMaxLength(60);
            e.Property(r => r.Amount).HasPrecision(18, 2);
            e.Property(r => r.RuleSetHash).HasMaxLength(64);
            e.Property(r => r.Failed).HasMaxLength(1000);
            // Exactly one decision per household and program in a run, whatever retries happen.
            e.HasIndex(r => new { r.RunId, r.HouseholdId, r.Program }).IsUnique();
            e.HasOne<ScreeningRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(60);
            e.Property(a => a.Subject).HasMaxLength(200);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => a.PreviousHash).IsUnique();
        });

        builder.Entity<AuditHead>(e =>
        {
            e.ToTable("audit_head");
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.LastHash).HasMaxLength(64);
            e.HasData(new AuditHead { Id = AuditHead.SingleId, Entries = 0, LastId = 0, LastHash = AuditLog.Genesis });
        });

        builder.Entity<Proposal>(e =>
        {
            e.ToTable("proposals");
            e.Property(p => p.Program).HasMaxLength(60);
            e.Property(p => p.WorkflowKey).HasMaxLength(60);
            e.Property(p => p.State).HasMaxLength(60);
            e.Property(p => p.KabupatenCode).HasMaxLength(5);
            e.Property(p => p.KecamatanCode).HasMaxLength(8);
            e.Property(p => p.GroupName).HasMaxLength(200);
            e.Property(p => p.BusinessType).HasMaxLength(100);
            e.Property(p => p.BankAccount).HasMaxLength(30);
            e.Property(p => p.AccountHolder).HasMaxLength(120);
            e.Property(p => p.ChairName).HasMaxLength(120);
            e.Property(p => p.TreasurerName).HasMaxLength(120);
            e.Property(p => p.BusinessPlan).HasMaxLength(4000);
            e.Property(p => p.BudgetAmount).HasPrecision(18, 2);
            e.Property(p => p.LastOutcome).HasMaxLength(60);
            e.Property(p => p.CreatedBy).HasMaxLength(100);
            e.Property(p => p.RowVersion).IsConcurrencyToken();
            e.HasIndex(p => new { p.KabupatenCode, p.State });
        });

        builder.Entity<ProposalTask>(e =>
        {
            e.ToTable("proposal_tasks");
            e.Property(t => t.State).HasMaxLength(60);
            e.Property(t => t.CandidateRoles).HasMaxLength(200);
            e.Property(t => t.KabupatenCode).HasMaxLength(5);
            e.Property(t => t.EscalateTo).HasMaxLength(60);
            e.Property(t => t.CompletedBy).HasMaxLength(100);
            e.Property(t => t.Outcome).HasMaxLength(60);
            e.HasIndex(t => new { t.KabupatenCode, t.CompletedAt });
            e.HasOne<Proposal>().WithMany().HasForeignKey(t => t.ProposalId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProposalTransition>(e =>
        {
            e.ToTable("proposal_transitions");
            e.Property(t => t.Actor).HasMaxLength(100);
            e.Property(t => t.From).HasMaxLength(60);
            e.Property(t => t.To).HasMaxLength(60);
            e.Property(t => t.Trigger).HasMaxLength(60);
            e.Property(t => t.Reason).HasMaxLength(1000);
            e.HasIndex(t => t.ProposalId);
            e.HasOne<Proposal>().WithMany().HasForeignKey(t => t.ProposalId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ProposalDocument>(e =>
        {
            e.ToTable("proposal_documents");
            e.Property(d => d.Kind).HasMaxLength(30);
            e.Property(d => d.FileName).HasMaxLength(200);
            e.Property(d => d.ContentType).HasMaxLength(60);
            e.Property(d => d.Sha256).HasMaxLength(64);
            e.Property(d => d.State).HasMaxLength(60);
            e.Property(d => d.UploadedBy).HasMaxLength(100);
            e.HasIndex(d => d.ProposalId);
            e.HasOne<Proposal>().WithMany().HasForeignKey(d => d.ProposalId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<WorkflowDefinitionVersion>(e =>
        {
            e.ToTable("workflow_definitions");
            e.Property(w => w.Key).HasMaxLength(60);
            e.Property(w => w.Status).HasMaxLength(20);
            e.HasIndex(w => new { w.Key, w.Version }).IsUnique();
        });

        builder.Entity<PaymentBatch>(e =>
        {
            e.ToTable("payment_batches");
            e.Property(b => b.CreatedBy).HasMaxLength(100);
            e.Property(b => b.Status).HasMaxLength(20);
        });

        builder.Entity<Payment>(e =>
        {
            e.ToTable("payments");
            e.Property(p => p.IdempotencyKey).HasMaxLength(60);
            e.Property(p => p.AccountNumber).HasMaxLength(30);
            e.Property(p => p.AccountHolder).HasMaxLength(120);
            e.Property(p => p.Amount).HasPrecision(18, 2);
            e.Property(p => p.Description).HasMaxLength(300);
            e.Property(p => p.Status).HasMaxLength(20);
            e.Property(p => p.BankReason).HasMaxLength(300);
            // A payment can never be created twice: one live (pending or paid) row per proposal and tranche,
            // enforced by the database. A payment the bank refused stays as it was, beside its corrected successor.
            e.HasIndex(p => p.IdempotencyKey).IsUnique().HasFilter("status <> 'failed'");
            e.HasIndex(p => p.BatchId);
            e.HasOne<PaymentBatch>().WithMany().HasForeignKey(p => p.BatchId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Proposal>().WithMany().HasForeignKey(p => p.ProposalId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(120);
            e.Property(u => u.RegionScope).HasMaxLength(200);
        });

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
