namespace Sejahtera.Workflows.Definitions;

/// <summary>The meanings a state may carry: what the application relies on a state for, whatever its name.</summary>
public static class StateMeanings
{
    /// <summary>The operator's editable draft; a case starts here.</summary>
    public const string Draft = "draft";

    /// <summary>Approved and waiting to be paid: payment batches take cases from here.</summary>
    public const string Payment = "payment";

    /// <summary>The bank refused the payment (or the treasurer sent it back): the operator corrects the account.</summary>
    public const string PaymentCorrection = "payment-correction";

    /// <summary>Paid; the follow-up after payment (accountability report, follow-up visit).</summary>
    public const string FollowUp = "follow-up";

    /// <summary>Finished with the assistance given.</summary>
    public const string Closed = "closed";

    /// <summary>Finished without assistance.</summary>
    public const string Rejected = "rejected";

    /// <summary>
    /// The office verifies the case (desk or field verification); optional and possibly on several
    /// states. A case counts as verified (indicator LJ-14) when it first leaves such states for one
    /// that is neither verification nor the draft (a return for correction is not a verification).
    /// </summary>
    public const string Verification = "verification";

    public static IReadOnlyList<string> All { get; } = [Draft, Payment, PaymentCorrection, FollowUp, Closed, Rejected, Verification];

    /// <summary>Meanings of the states in which the assistance counts as granted (it reached payment).</summary>
    public static IReadOnlyList<string> Granted { get; } = [Payment, PaymentCorrection, FollowUp, Closed];

    /// <summary>Meanings of the states in which a case is finished: nothing may be attached or changed.</summary>
    public static IReadOnlyList<string> Finished { get; } = [Closed, Rejected];
}

/// <summary>The outside events a transition may wait for.</summary>
public static class EventMeanings
{
    /// <summary>The bank's reconciliation said the payment was paid.</summary>
    public const string PaymentPaid = "payment-paid";

    /// <summary>The bank's reconciliation said the payment failed.</summary>
    public const string PaymentFailed = "payment-failed";

    public static IReadOnlyList<string> All { get; } = [PaymentPaid, PaymentFailed];

    /// <summary>The event as a user reads it, in Indonesian.</summary>
    public static string Label(string eventName) => eventName switch
    {
        PaymentPaid => "bank menyatakan pembayaran berhasil (unggah berkas rekonsiliasi bank)",
        PaymentFailed => "bank menyatakan pembayaran gagal (unggah berkas rekonsiliasi bank)",
        _ => eventName,
    };
}

/// <summary>
/// What a program's workflow must offer the application, by meaning and never by name: a draft to
/// start in, one payment state that the bank's "paid" leaves and "failed" sends to a correction
/// state, a way back from correction to payment, and final closed and rejected states. A version that
/// breaks the contract is refused when it is published, with the reason; renaming states is free.
/// </summary>
public static class WorkflowContract
{
    /// <summary>Every way <paramref name="definition"/> breaks the payment contract; empty when it keeps it.</summary>
    public static IReadOnlyList<WorkflowProblem> Check(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<WorkflowProblem>();
        foreach (var state in definition.States.Where(s => s.Meaning is not null && !StateMeanings.All.Contains(s.Meaning)))
        {
            problems.Add(new(ProblemKind.UnknownMeaning, state.Name, null,
                $"makna '{state.Meaning}' tidak dikenal (yang dikenal: {string.Join(", ", StateMeanings.All)})"));
        }

        foreach (var state in definition.States)
        {
            foreach (var t in state.Transitions.Where(t => t.Event is not null && !EventMeanings.All.Contains(t.Event)))
            {
                problems.Add(new(ProblemKind.UnknownMeaning, state.Name, t.Trigger,
                    $"peristiwa '{t.Event}' tidak dikenal (yang dikenal: {string.Join(", ", EventMeanings.All)})"));
            }
        }

        foreach (var meaning in new[] { StateMeanings.Draft, StateMeanings.Payment, StateMeanings.PaymentCorrection, StateMeanings.Closed, StateMeanings.Rejected })
        {
            var states = definition.States.Where(s => s.Meaning == meaning).ToList();
            if (states.Count != 1)
            {
                problems.Add(Broken(null, null, states.Count == 0
                    ? $"tidak ada state bermakna '{meaning}'; alur program ini wajib memilikinya"
                    : $"state bermakna '{meaning}' harus tepat satu (ada {string.Join(", ", states.Select(s => s.Name))})"));
            }
        }

        if (definition.FindState(definition.Initial) is { } initial && initial.Meaning != StateMeanings.Draft)
        {
            problems.Add(Broken(initial.Name, null, $"state awal harus bermakna '{StateMeanings.Draft}'"));
        }

        foreach (var meaning in StateMeanings.Finished)
        {
            if (definition.StateMeaning(meaning) is { Final: false } notFinal)
            {
                problems.Add(Broken(notFinal.Name, null, $"state bermakna '{meaning}' harus state akhir"));
            }
        }

        var payment = definition.StateMeaning(StateMeanings.Payment);
        var correction = definition.StateMeaning(StateMeanings.PaymentCorrection);
        if (payment is not null && correction is not null)
        {
            var paid = payment.Transitions.Where(t => t.Event == EventMeanings.PaymentPaid).ToList();
            var failed = payment.Transitions.Where(t => t.Event == EventMeanings.PaymentFailed).ToList();
            if (paid.Count != 1)
            {
                problems.Add(Broken(payment.Name, null, $"harus punya tepat satu transisi dengan peristiwa '{EventMeanings.PaymentPaid}' (jawaban bank: dibayar)"));
            }

            if (failed.Count != 1 || failed[0].To != correction.Name)
            {
                problems.Add(Broken(payment.Name, null,
                    $"harus punya tepat satu transisi dengan peristiwa '{EventMeanings.PaymentFailed}' menuju state koreksi rekening '{correction.Name}'"));
            }

            if (paid.Count == 1 && definition.FindState(paid[0].To) is { Meaning: StateMeanings.PaymentCorrection or StateMeanings.Payment or StateMeanings.Rejected })
            {
                problems.Add(Broken(payment.Name, paid[0].Trigger, "pembayaran yang berhasil harus menuju tindak lanjut atau selesai"));
            }

            if (!correction.Transitions.Any(t => t.To == payment.Name && t.Event is null))
            {
                problems.Add(Broken(correction.Name, null, $"harus punya transisi kembali ke state pembayaran '{payment.Name}' setelah rekening dikoreksi"));
            }
        }

        foreach (var state in definition.States.Where(s => s != payment))
        {
            foreach (var t in state.Transitions.Where(t => t.Event is not null))
            {
                problems.Add(Broken(state.Name, t.Trigger, "peristiwa bank hanya boleh ditunggu di state pembayaran"));
            }
        }

        return problems;
    }

    private static WorkflowProblem Broken(string? state, string? trigger, string detail) => new(ProblemKind.ContractBroken, state, trigger, detail);
}
