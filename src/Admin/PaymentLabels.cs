namespace Sejahtera.Admin;

/// <summary>Payment and batch statuses as the treasurer reads them.</summary>
public static class PaymentLabels
{
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
