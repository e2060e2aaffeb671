namespace Sejahtera.Engine.Screening.Quotas;

/// <summary>
/// How many households of one kabupaten/kota one program may serve (DTSEN: desil 1–2 first, desil 3
/// only while the quota lasts). Entered by an admin; every change is in the audit log.
/// </summary>
public sealed class ScreeningQuota
{
    public long Id { get; set; }
    public required string Program { get; set; }
    public required string KabupatenCode { get; set; }
    public int Quota { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
