namespace Sejahtera.Admin;

/// <summary>Payment and batch statuses as the treasurer reads them.</summary>
public static class PaymentLabels
{
    /// <summary>The statuses a batch can have, in the order of its life.</summary>
    public static readonly IReadOnlyList<string> BatchStatuses = ["open", "reconciled"];

    /// <summary>The statuses a payment can have, in the order of its life.</summary>
    public static readonly IReadOnlyList<string> PaymentStatuses =
        [Engine.Disbursement.PaymentStatuses.Pending, Engine.Disbursement.PaymentStatuses.Paid, Engine.Disbursement.PaymentStatuses.Failed];

    /// <summary>The programs whose cases are paid through batches.</summary>
    public static readonly IReadOnlyList<string> Programs = [Engine.Cases.CasePrograms.Kube, Engine.Cases.CasePrograms.PantiTermination];

    public static string Status(string status) => status switch
    {
        "pending" => "menunggu bank",
        "paid" => "dibayar",
        "failed" => "gagal",
        "open" => "terbuka",
        "reconciled" => "selesai direkonsiliasi",
        _ => status,
    };
}
