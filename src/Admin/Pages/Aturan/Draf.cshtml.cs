using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Language;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Pages.Aturan;

/// <summary>
/// The rule-set editor: YAML with its problems in place, tests, dry-run impact, diff, publish. Tests
/// and dry runs evaluate the draft, so only rule admins and publishers may start them (403 for
/// everyone else), one at a time per user (429 while another of theirs runs).
/// </summary>
public sealed class DrafModel(
    SejahteraDbContext db, RuleSetCatalog catalog, SaveDraft save, TestDraft test, DryRun dryRun, PublishRuleSet publish,
    AddParameterValue addValue, RuleRunGate gate, TimeProvider time) : PageModel
{
    public RuleSetVersion? Version { get; private set; }
    public IReadOnlyList<RuleSetProblem> Problems { get; private set; } = [];
    public IReadOnlyList<RuleTestResult>? Tests { get; private set; }
    public DryRunResult? Impact { get; private set; }
    public RuleSetDiff? Diff { get; private set; }
    public string? ComparedWith { get; private set; }
    public string? Message { get; private set; }

    /// <summary>The message reports something still to fix (a draft that is not valid, a failing test): shown as a warning.</summary>
    public bool MessageIsWarning { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public string? Yaml { get; set; }
    [BindProperty] public DateOnly? AsOf { get; set; }
    [BindProperty] public string? RetroactiveReason { get; set; }

    /// <summary>The parameter form: a new dated value with its legal basis, without touching the YAML.</summary>
    public sealed class ParameterForm
    {
        public string Parameter { get; set; } = "";
        public DateOnly? From { get; set; }
        public string Value { get; set; } = "";
        public string Ref { get; set; } = "";
        public string? NewRefKey { get; set; }
        public string? NewRefText { get; set; }
        public bool VersionFromSameDate { get; set; } = true;
    }

    [BindProperty] public ParameterForm NewValue { get; set; } = new();

    /// <summary>The draft as parsed (null when its YAML does not load), for the parameter form's lists.</summary>
    public RuleSetDocument? Document { get; private set; }

    /// <summary>The version takes effect before today: publishing asks for the reason.</summary>
    public bool Retroactive => Version is not null && PublishRuleSet.IsRetroactive(Version, time);

    public DateOnly AsOfOrToday => AsOf ?? DateOnly.FromDateTime(time.GetLocalNow().Date);
    public bool Editable => Version is not null && RuleStatus.IsEditable(Version.Status);
    public bool MayEdit => User.May(Permission.EditRuleDraft);
    public bool MayPublish => User.May(Permission.PublishRuleSet);
    public bool MayRun => User.May(Permission.RunRuleDraft);

    public Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct) => ActAsync(id, async () =>
    {
        if (!MayEdit)
        {
            throw new RuleLifecycleException("Hanya admin aturan yang dapat mengubah draf.");
        }

        var result = await save.SaveAsync(db, id, Yaml ?? "", User.Identity!.Name!, ct);
        Problems = result.Problems;
        Message = result.Problems.Count == 0 ? "Draf tersimpan dan sah. Jalankan uji sebelum diterbitkan." : "Draf tersimpan, tetapi belum sah.";
        MessageIsWarning = result.Problems.Count > 0;
    }, ct);

    /// <summary>Adds the value, validates the draft and, when it is valid, runs its tests at once.</summary>
    public Task<IActionResult> OnPostAddValueAsync(long id, CancellationToken ct) => RunAsync(id, async () =>
    {
        if (!MayEdit)
        {
            throw new RuleLifecycleException("Hanya admin aturan yang dapat mengubah draf.");
        }

        var form = NewValue;
        var newKey = string.IsNullOrWhiteSpace(form.NewRefText) ? null : form.NewRefKey;
        var result = await addValue.HandleAsync(db, id,
            new ParameterValueRequest(form.Parameter, form.From, form.Value, newKey ?? form.Ref, form.NewRefText, form.VersionFromSameDate),
            User.Identity!.Name!, ct);
        Problems = result.Problems;
        if (Problems.Count > 0)
        {
            Message = "Nilai baru disimpan, tetapi draf belum sah.";
            MessageIsWarning = true;
            return;
        }

        Tests = await test.HandleAsync(db, id, ct);
        Message = Tests.All(t => t.Passed)
            ? $"Nilai {form.Parameter} sejak {Engine.Indonesian.Date(form.From!.Value)} disimpan; semua uji lulus. Hitung dampaknya, lalu minta penerbit menerbitkan."
            : $"Nilai {form.Parameter} sejak {Engine.Indonesian.Date(form.From!.Value)} disimpan; ada uji yang gagal.";
        MessageIsWarning = !Tests.All(t => t.Passed);
    }, ct);

    public Task<IActionResult> OnPostTestAsync(long id, CancellationToken ct) => RunAsync(id, async () =>
    {
        Tests = await test.HandleAsync(db, id, ct);
        Message = Tests.All(t => t.Passed) ? "Semua uji lulus." : "Ada uji yang gagal; draf belum dapat diterbitkan.";
        MessageIsWarning = !Tests.All(t => t.Passed);
    }, ct);

    public Task<IActionResult> OnPostDryRunAsync(long id, CancellationToken ct) => RunAsync(id, async () =>
        Impact = await dryRun.HandleAsync(db, id, AsOfOrToday, ct), ct);

    public Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct) => ActAsync(id, async () =>
    {
        var published = await publish.PublishAsync(db, id, User.Identity!.Name!, User.RoleNames(), RetroactiveReason, ct);
        Message = $"{published.Program} {published.Version} diterbitkan.";
    }, ct);

    public Task<IActionResult> OnPostRetireAsync(long id, CancellationToken ct) => ActAsync(id, async () =>
    {
        var retired = await publish.RetireAsync(db, id, User.Identity!.Name!, User.RoleNames(), ct);
        Message = $"{retired.Program} {retired.Version} dipensiunkan.";
    }, ct);

    /// <summary>A test or dry run: refused for roles that may not run one, or while the same user has one running.</summary>
    private async Task<IActionResult> RunAsync(long id, Func<Task> action, CancellationToken ct)
    {
        if (!MayRun)
        {
            Error = "Hanya admin aturan dan penerbit aturan yang dapat menjalankan uji atau dry-run.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return await ShowAsync(id, ct);
        }

        using var lease = gate.TryEnter(User.Identity!.Name!);
        if (lease is null)
        {
            Error = "Uji atau dry-run Anda yang lain masih berjalan; tunggu sampai selesai, lalu coba lagi.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "5";
            return await ShowAsync(id, ct);
        }

        return await ActAsync(id, action, ct);
    }

    private async Task<IActionResult> ActAsync(long id, Func<Task> action, CancellationToken ct)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (Refusals.IsRefusal(e))
        {
            Error = e.Message;
        }

        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(long id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Version = await db.RuleSetVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (Version is null)
        {
            return NotFound();
        }

        AsOf = AsOfOrToday;
        var problems = new List<RuleSetProblem>();
        Document = RuleSetLoader.TryLoad(Version.Yaml, Version.Program, problems);
        if (Problems.Count == 0 && Version.Status == RuleStatus.Draft)
        {
            Problems = SaveDraft.Check(Version.Yaml).Problems;
        }

        if (Version.Status != RuleStatus.Draft)
        {
            var inForce = RuleSetCatalog.Ordered(await db.RuleSetVersions.AsNoTracking()
                .Where(v => v.Program == Version.Program && v.Status == RuleStatus.Published && v.Id != Version.Id).ToListAsync(ct)).LastOrDefault();
            if (inForce is not null)
            {
                Diff = CompareRuleSets.Compare(catalog.Compile(inForce).Document, catalog.Compile(Version).Document);
                ComparedWith = inForce.Version;
            }
        }

        return Page();
    }
}
