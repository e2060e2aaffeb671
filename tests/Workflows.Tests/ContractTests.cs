using System.Text.RegularExpressions;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Running;

namespace Sejahtera.Workflows.Tests;

/// <summary>The application relies on states by meaning, never by name: a version may rename freely but must keep the contract.</summary>
public sealed partial class ContractTests
{
    /// <summary>The shipped KUBE definition with every state renamed ("draft" becomes "s-draft", and so on).</summary>
    public static string Renamed(string json, int version = 2)
    {
        var names = DefaultWorkflows.KubeProposal().States.Select(s => s.Name).ToList();
        foreach (var name in names.OrderByDescending(n => n.Length))
        {
            json = json.Replace($"\"{name}\"", $"\"tahap-{name}\"", StringComparison.Ordinal);
        }

        // Meanings and guard names share no word with a state name except the meanings themselves; put those back.
        json = MeaningValue().Replace(json, m => $"\"meaning\": \"{m.Groups[1].Value}\"");
        return json.Replace("\"version\": 1", $"\"version\": {version}", StringComparison.Ordinal);
    }

    [GeneratedRegex("\"meaning\": \"tahap-([a-z-]+)\"")]
    private static partial Regex MeaningValue();

    [Fact]
    public void A_version_that_renames_every_state_but_keeps_the_meanings_is_valid()
    {
        var read = DefaultWorkflows.Read(Renamed(DefaultWorkflows.KubeProposalJson));

        Assert.Empty(read.Problems);
        Assert.All(read.Definition!.States, s => Assert.StartsWith("tahap-", s.Name, StringComparison.Ordinal));
        Assert.Equal("tahap-disbursement", read.Definition.StateMeaning(StateMeanings.Payment)!.Name);
    }

    [Fact]
    public void A_payment_workflow_without_its_payment_state_is_refused_with_the_reason()
    {
        var json = DefaultWorkflows.KubeProposalJson.Replace("\"meaning\": \"payment\",", "", StringComparison.Ordinal);

        var messages = DefaultWorkflows.Read(json).Problems.Select(p => p.Message).ToList();

        Assert.Contains("tidak ada state bermakna 'payment'; alur program ini wajib memilikinya", messages);
    }

    [Fact]
    public void Bank_events_must_lead_from_payment_to_correction_and_back()
    {
        var json = DefaultWorkflows.KubeProposalJson
            .Replace("\"payment-failed\": { \"to\": \"account-correction\"", "\"payment-failed\": { \"to\": \"rejected\"", StringComparison.Ordinal)
            .Replace("\"correct-account\": { \"to\": \"disbursement\"", "\"correct-account\": { \"to\": \"rejected\"", StringComparison.Ordinal);

        var messages = DefaultWorkflows.Read(json).Problems.Select(p => p.Message).ToList();

        Assert.Contains("state 'disbursement': harus punya tepat satu transisi dengan peristiwa 'payment-failed' menuju state koreksi rekening 'account-correction'", messages);
        Assert.Contains("state 'account-correction': harus punya transisi kembali ke state pembayaran 'disbursement' setelah rekening dikoreksi", messages);
    }

    [Fact]
    public void An_unknown_meaning_or_event_is_named()
    {
        var json = DefaultWorkflows.KubeProposalJson
            .Replace("\"meaning\": \"follow-up\"", "\"meaning\": \"lpj\"", StringComparison.Ordinal)
            .Replace("\"event\": \"payment-paid\"", "\"event\": \"bank-paid\"", StringComparison.Ordinal);

        var messages = DefaultWorkflows.Read(json).Problems.Select(p => p.Message).ToList();

        Assert.Contains(messages, m => m.StartsWith("state 'accountability': makna 'lpj' tidak dikenal", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("state 'disbursement', transisi 'disburse': peristiwa 'bank-paid' tidak dikenal", StringComparison.Ordinal));
    }

    [Fact]
    public void A_transition_that_waits_for_the_bank_is_refused_to_a_user_and_fires_on_its_event()
    {
        var runner = Kube.Runner();

        var clicked = runner.Decide(Kube.Case("disbursement"), Kube.Bendahara, "disburse", null, Kube.Wednesday);
        var paid = runner.DecideEvent(Kube.Case("disbursement"), Kube.Bendahara, EventMeanings.PaymentPaid, "batch 1", Kube.Wednesday);
        var failed = runner.DecideEvent(Kube.Case("disbursement"), Kube.Bendahara, EventMeanings.PaymentFailed, "rekening tidak aktif", Kube.Wednesday);
        var elsewhere = runner.DecideEvent(Kube.Case("approval"), Kube.Bendahara, EventMeanings.PaymentPaid, null, Kube.Wednesday);

        Assert.False(clicked.Allowed);
        Assert.Equal(RefusalKind.WaitsForEvent, Assert.Single(clicked.Refusals).Kind);
        Assert.Equal(("accountability", "disburse"), (paid.State, paid.Trigger));
        Assert.Equal(("account-correction", "operator"), (failed.State, string.Join(',', failed.Task!.CandidateRoles)));
        Assert.False(elsewhere.Allowed);
        Assert.Equal("tahap 'Persetujuan Kepala Dinas' tidak menunggu bank menyatakan pembayaran berhasil (unggah berkas rekonsiliasi bank)", elsewhere.Message);
    }
}
