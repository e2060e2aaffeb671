namespace Sejahtera.Engine.Screening.Quotas;

/// <summary>A quota that cannot be entered (unknown program or kabupaten/kota, negative number); nothing changed.</summary>
public sealed class QuotaRefusedException(string message) : ScreeningException(message);
