using System.Text.RegularExpressions;
using FluentValidation;

namespace Sejahtera.Rules.Language;

/// <summary>
/// The structural rules of a rule set (ids, references, dates, the catch-all outcome). Expressions
/// are checked by the compiler, which parses them in the sandbox. Every failure carries where it is.
/// </summary>
internal sealed partial class RuleSetValidator : AbstractValidator<RuleSetDocument>
{
    internal sealed record Where(string? Element, SourcePosition Position);

    public static readonly string[] Tags = ["C", "C-weak", "I"];

    public RuleSetValidator()
    {
        RuleFor(d => d.Program).Matches(KebabId()).WithMessage("program harus huruf kecil, angka dan tanda hubung, misalnya 'bansos-sembako'")
            .WithState(d => new Where(null, d.Position));
        RuleFor(d => d.Subject).Must(s => SubjectTypes.Find(s) is not null)
            .WithMessage(d => $"subjek '{d.Subject}' tidak dikenal; pilih salah satu: {string.Join(", ", SubjectTypes.Names)}")
            .WithState(d => new Where(null, d.Position));
        RuleFor(d => d.Criteria).NotEmpty().WithMessage("rule set harus memiliki setidaknya satu kriteria").WithState(d => new Where(null, d.Position));
        RuleFor(d => d.Outcomes).NotEmpty().WithMessage("rule set harus memiliki setidaknya satu hasil").WithState(d => new Where(null, d.Position));

        RuleForEach(d => d.Criteria).Custom((c, ctx) =>
        {
            var d = ctx.InstanceToValidate;
            var where = new Where($"kriteria {c.Id}", c.Position);
            if (!KebabId().IsMatch(c.Id))
            {
                Fail(ctx, where, $"id '{c.Id}' harus huruf kecil, angka dan tanda hubung");
            }

            if (d.Criteria.Count(x => x.Id == c.Id) > 1 && d.Criteria.First(x => x.Id == c.Id) != c)
            {
                Fail(ctx, where, $"id '{c.Id}' dipakai lebih dari sekali");
            }

            if (!Tags.Contains(c.Tag))
            {
                Fail(ctx, where, $"tag '{c.Tag}' harus salah satu dari {string.Join(", ", Tags)}");
            }

            if (!d.LegalBasis.ContainsKey(c.Ref))
            {
                Fail(ctx, where, $"ref '{c.Ref}' tidak ada di legal_basis");
            }
        });

        RuleForEach(d => d.Parameters).Custom((p, ctx) =>
        {
            var d = ctx.InstanceToValidate;
            var where = new Where($"parameter {p.Name}", p.Position);
            if (!SnakeId().IsMatch(p.Name))
            {
                Fail(ctx, where, "nama parameter harus huruf kecil, angka dan garis bawah, misalnya 'min_anggota'");
            }

            if (p.Values.Count == 0)
            {
                Fail(ctx, where, "parameter harus memiliki setidaknya satu nilai bertanggal");
            }

            foreach (var duplicate in p.Values.GroupBy(v => v.From).Where(g => g.Count() > 1))
            {
                Fail(ctx, where with { Position = duplicate.Last().Position }, $"dua nilai berlaku mulai tanggal yang sama ({duplicate.Key:yyyy-MM-dd}); tanggal tidak boleh tumpang tindih");
            }

            foreach (var value in p.Values.Where(v => v.Ref is not null && !d.LegalBasis.ContainsKey(v.Ref)))
            {
                Fail(ctx, where with { Position = value.Position }, $"ref '{value.Ref}' tidak ada di legal_basis");
            }

            if (p.Values.Select(v => v.Value is int ? typeof(decimal) : v.Value.GetType()).Distinct().Count() > 1)
            {
                Fail(ctx, where, "semua nilai parameter harus bertipe sama (angka, teks, ya/tidak atau tanggal)");
            }
        });

        RuleForEach(d => d.Outcomes).Custom((o, ctx) =>
        {
            var d = ctx.InstanceToValidate;
            var where = new Where($"hasil {o.Id}", o.Position);
            if (!KebabId().IsMatch(o.Id))
            {
                Fail(ctx, where, $"id '{o.Id}' harus huruf kecil, angka dan tanda hubung");
            }

            if (d.Outcomes.Count(x => x.Id == o.Id) > 1 && d.Outcomes.First(x => x.Id == o.Id) != o)
            {
                Fail(ctx, where, $"id '{o.Id}' dipakai lebih dari sekali");
            }
        });

        RuleFor(d => d.Outcomes).Must(o => o.Count == 0 || o[^1].When.Text.Trim() == "true")
            .WithMessage("hasil terakhir harus penampung semua kasus (when: \"true\"), agar setiap subjek mendapat keputusan")
            .WithState(d => new Where(d.Outcomes.Count > 0 ? $"hasil {d.Outcomes[^1].Id}" : null, d.Outcomes.Count > 0 ? d.Outcomes[^1].Position : d.Position));

        RuleForEach(d => d.Tests).Custom((t, ctx) =>
        {
            var d = ctx.InstanceToValidate;
            var where = new Where($"uji '{t.Name}'", t.Position);
            if (d.Outcomes.All(o => o.Id != t.Expect.Outcome))
            {
                Fail(ctx, where, $"hasil yang diharapkan '{t.Expect.Outcome}' tidak ada di outcomes");
            }

            foreach (var id in (t.Expect.Failed ?? []).Where(id => d.Criteria.All(c => c.Id != id)))
            {
                Fail(ctx, where, $"kriteria '{id}' di 'failed' tidak ada");
            }
        });
    }

    public static IEnumerable<RuleSetProblem> Problems(RuleSetDocument document) =>
        new RuleSetValidator().Validate(document).Errors.Select(e =>
        {
            var where = e.CustomState as Where ?? new Where(null, document.Position);
            return new RuleSetProblem(document.Name, where.Element, where.Position, e.ErrorMessage);
        });

    private static void Fail(ValidationContext<RuleSetDocument> ctx, Where where, string message) =>
        ctx.AddFailure(new FluentValidation.Results.ValidationFailure(where.Element ?? "", message) { CustomState = where });

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabId();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeId();
}

/// <summary>The fact types a rule set may decide about.</summary>
internal static class SubjectTypes
{
    private static readonly Dictionary<string, Type> ByName = new(StringComparer.Ordinal)
    {
        ["Household"] = typeof(Facts.Household),
        ["KubeProposal"] = typeof(Facts.KubeProposal),
        ["PkhFamily"] = typeof(Facts.PkhFamily),
        ["PantiClient"] = typeof(Facts.PantiClient),
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static Type? Find(string name) => ByName.GetValueOrDefault(name);
}
