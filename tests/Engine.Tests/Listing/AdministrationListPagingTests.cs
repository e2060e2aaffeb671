using Microsoft.AspNetCore.Identity;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Listing;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Pkh.Browse;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Listing;

/// <summary>The PKH evaluation runs, the staff accounts and the audit log: paged, sorted, filtered and searched in the database.</summary>
public sealed class AdministrationListPagingTests
{
    private const string Sikka = "53.07";
    private const string Ende = "53.08";

    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_PKH_evaluation_runs_page_newest_first_beyond_the_old_cap_of_100_sort_by_candidates_and_filter_by_period_starter_and_status(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var seed = db.Context())
        {
            for (var i = 1; i <= 130; i++)
            {
                seed.PkhEvaluationRuns.Add(new PkhEvaluationRun
                {
                    Period = i % 2 == 0 ? "2025" : "2026", AsOf = new DateOnly(2026, 1, 1).AddDays(i), Evaluated = 100, Candidates = i % 17, Opened = i % 5,
                    StartedBy = i % 3 == 0 ? "kabid.pfm" : "koordinator.sikka", StartedAt = DateTimeOffset.UnixEpoch,
                    FinishedAt = i % 10 == 0 ? null : DateTimeOffset.UnixEpoch.AddMinutes(1),
                });
            }

            await seed.SaveChangesAsync();
        }

        await using var ctx = db.Context();
        var page1 = await ListEvaluationRuns.HandleAsync(ctx, new EvaluationRunFilter(), PageRequest.Parse(1, null));
        var page3 = await ListEvaluationRuns.HandleAsync(ctx, new EvaluationRunFilter(), PageRequest.Parse(3, null));
        var byCandidates = await ListEvaluationRuns.HandleAsync(ctx, new EvaluationRunFilter(), PageRequest.Parse(1, "-kandidat", 200));
        var period2025 = await ListEvaluationRuns.HandleAsync(ctx, new EvaluationRunFilter(Period: "2025"), PageRequest.Parse(1, null));
        var byKabid = await ListEvaluationRuns.HandleAsync(ctx, new EvaluationRunFilter(StartedBy: "kabid.pfm"), PageRequest.Parse(1, null));
        var unfinished = await ListEvaluationRuns.HandleAsync(ctx, new EvaluationRunFilter(Status: EvaluationRunStatus.Unfinished), PageRequest.Parse(1, null));
        var unknownStatus = await ListEvaluationRuns.HandleAsync(ctx, new EvaluationRunFilter(Status: "done"), PageRequest.Parse(1, null));

        Assert.Equal(130, page1.Runs.Total);
        Assert.Equal(Enumerable.Range(81, 50).Reverse().Select(i => (long)i), page1.Runs.Items.Select(r => r.Id));
        Assert.Equal(30, page3.Runs.Items.Count);
        Assert.Equal(("nomor", true), (page1.Runs.Sort, page1.Runs.Descending));
        Assert.Equal(byCandidates.Runs.Items.Select(r => r.Candidates).OrderDescending(), byCandidates.Runs.Items.Select(r => r.Candidates));
        Assert.Equal(65, period2025.Runs.Total);
        Assert.All(period2025.Runs.Items, r => Assert.Equal("2025", r.Period));
        Assert.Equal(43, byKabid.Runs.Total);
        Assert.Equal(13, unfinished.Runs.Total);
        Assert.All(unfinished.Runs.Items, r => Assert.Null(r.FinishedAt));
        Assert.Equal(0, unknownStatus.Runs.Total);
        Assert.Contains("Status 'done' tidak dikenal", unknownStatus.FilterProblem, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_staff_accounts_page_by_user_name_filter_by_role_and_kabupaten_and_are_found_by_name_or_user_name(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var seed = db.Context())
        {
            var verifier = new IdentityRole("verifier") { NormalizedName = "VERIFIER" };
            var admin = new IdentityRole("admin") { NormalizedName = "ADMIN" };
            seed.Roles.AddRange(verifier, admin);
            for (var i = 1; i <= 70; i++)
            {
                var name = $"verifikator.{i:000}";
                var user = new AppUser
                {
                    UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = i == 42 ? "Maria Goreti Bura" : $"Verifikator {i:000}",
                    RegionScope = i % 2 == 0 ? Sikka : i % 7 == 0 ? $"{Sikka},{Ende}" : Ende,
                };
                seed.Users.Add(user);
                seed.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = verifier.Id });
            }

            var root = new AppUser { UserName = "admin", NormalizedUserName = "ADMIN", DisplayName = "Admin Aturan", RegionScope = "*" };
            seed.Users.Add(root);
            seed.UserRoles.Add(new IdentityUserRole<string> { UserId = root.Id, RoleId = admin.Id });
            await seed.SaveChangesAsync();
        }

        await using var ctx = db.Context();
        var page1 = await ListUsers.HandleAsync(ctx, new UserFilter(), PageRequest.Parse(1, null));
        var page2 = await ListUsers.HandleAsync(ctx, new UserFilter(), PageRequest.Parse(2, null));
        var admins = await ListUsers.HandleAsync(ctx, new UserFilter(Role: "admin"), PageRequest.Parse(1, null));
        var sikka = await ListUsers.HandleAsync(ctx, new UserFilter(Kabupaten: Sikka), PageRequest.Parse(1, null, 200));
        var province = await ListUsers.HandleAsync(ctx, new UserFilter(Kabupaten: UserFilter.WholeProvince), PageRequest.Parse(1, null));
        var byName = await ListUsers.HandleAsync(ctx, new UserFilter(Search: "GORETI"), PageRequest.Parse(1, null));
        var byUserName = await ListUsers.HandleAsync(ctx, new UserFilter(Search: "verifikator.06"), PageRequest.Parse(1, null));
        var byDisplayName = await ListUsers.HandleAsync(ctx, new UserFilter(), PageRequest.Parse(1, "-nama"));
        var tooShort = await ListUsers.HandleAsync(ctx, new UserFilter(Search: "v"), PageRequest.Parse(1, null));

        Assert.Equal(71, page1.Users.Total);
        Assert.Equal("admin", page1.Users.Items[0].UserName);
        Assert.Equal(["admin"], page1.Users.Items[0].Roles);
        Assert.Equal(["verifier"], page1.Users.Items[1].Roles);
        Assert.Equal(21, page2.Users.Items.Count);
        Assert.Empty(page1.Users.Items.Select(u => u.UserName).Intersect(page2.Users.Items.Select(u => u.UserName)));
        Assert.Equal("admin", Assert.Single(admins.Users.Items).UserName);
        Assert.Equal(35 + 5, sikka.Users.Total);
        Assert.All(sikka.Users.Items, u => Assert.Contains(Sikka, u.RegionScope.Split(',')));
        Assert.Equal("admin", Assert.Single(province.Users.Items).UserName);
        Assert.Equal("verifikator.042", Assert.Single(byName.Users.Items).UserName);
        Assert.Equal(10, byUserName.Users.Total);
        Assert.Equal("Verifikator 070", byDisplayName.Users.Items[0].DisplayName);
        Assert.Equal(71, tooShort.Users.Total);
        Assert.Contains("sedikitnya 2 huruf", tooShort.SearchProblem, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_audit_log_pages_newest_first_and_filters_by_actor_action_subject_type_and_WITA_dates_and_finds_a_subject(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var seed = db.Context())
        {
            // 120 entries, one every 6 hours from 1 March 2026 00:00 UTC (08:00 WITA).
            var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 120; i++)
            {
                var (action, subject) = (i % 3) switch
                {
                    0 => ("payment-batch.create", $"batch {i}"),
                    1 => ("rule-set.publish", $"kube 1.{i}"),
                    _ => ("indicators.catalog.edit", $"IND-{i:00} 2026"),
                };
                await AuditLog.AppendAsync(seed, start.AddHours(6 * i), i % 4 == 0 ? "bendahara" : "admin", action, subject, "{}", default);
            }
        }

        await using var ctx = db.Context();
        var page1 = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(), PageRequest.Parse(1, null));
        var page3 = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(), PageRequest.Parse(3, null));
        var byActor = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(Actor: "bendahara"), PageRequest.Parse(1, null));
        var byAction = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(Action: "rule-set.publish"), PageRequest.Parse(1, null));
        var byType = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(SubjectType: "indicators.catalog"), PageRequest.Parse(1, null));
        var allIndicators = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(SubjectType: "indicators"), PageRequest.Parse(1, null));
        // 2 March WITA is 1 March 16:00 UTC to 2 March 16:00 UTC: the entries at 18:00 on 1 March and 00:00, 06:00, 12:00 on 2 March.
        var oneDay = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(From: new DateOnly(2026, 3, 2), To: new DateOnly(2026, 3, 2)), PageRequest.Parse(1, null));
        var fromLate = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(From: new DateOnly(2026, 3, 30)), PageRequest.Parse(1, null));
        var bySubject = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(Search: "Batch 9"), PageRequest.Parse(1, null));
        var byActorText = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(Search: "bendah"), PageRequest.Parse(1, null));
        var backwards = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(From: new DateOnly(2026, 3, 5), To: new DateOnly(2026, 3, 4)), PageRequest.Parse(1, null));
        var byActorSort = await ListAuditEntries.HandleAsync(ctx, new AuditFilter(), PageRequest.Parse(1, "pelaku", 200));

        Assert.Equal(120, page1.Entries.Total);
        Assert.Equal(page1.Entries.Items.Select(a => a.Id).OrderDescending(), page1.Entries.Items.Select(a => a.Id));
        Assert.Equal(20, page3.Entries.Items.Count);
        Assert.Equal(30, byActor.Entries.Total);
        Assert.Equal(40, byAction.Entries.Total);
        Assert.Equal(40, byType.Entries.Total);
        Assert.Equal(40, allIndicators.Entries.Total);
        Assert.Equal(4, oneDay.Entries.Total);
        Assert.All(oneDay.Entries.Items, a => Assert.Equal(new DateOnly(2026, 3, 2), DateOnly.FromDateTime(a.At.ToOffset(TimeSpan.FromHours(8)).DateTime)));
        // 30 March 00:00 WITA is 29 March 16:00 UTC: entries 114 (29 March 12:00 UTC) and before are out.
        Assert.Equal(Enumerable.Range(0, 120).Count(i => new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddHours(6 * i) >= new DateTimeOffset(2026, 3, 29, 16, 0, 0, TimeSpan.Zero)),
            (int)fromLate.Entries.Total);
        Assert.Equal(["batch 9", "batch 90", "batch 93", "batch 96", "batch 99"], bySubject.Entries.Items.Select(a => a.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(30, byActorText.Entries.Total);
        Assert.Equal(0, backwards.Entries.Total);
        Assert.Contains("tanggal akhir 04/03/2026 sebelum tanggal awal 05/03/2026", backwards.FilterProblem, StringComparison.Ordinal);
        Assert.Equal(byActorSort.Entries.Items.Select(a => a.Actor).Order(StringComparer.Ordinal), byActorSort.Entries.Items.Select(a => a.Actor));
    }
}
