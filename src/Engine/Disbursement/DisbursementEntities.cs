namespace Sejahtera.Engine.Disbursement;

/// <summary>A batch of non-cash payments sent to the bank as one transfer file.</summary>
public sealed class PaymentBatch
{
    public long Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>open, reconciled.</summary>
    public required string Status { get; set; }
    /// <summary>How many payments the batch was created with; the bank file must hold exactly these.</summary>
    public int PaymentCount { get; set; }
    /// <summary>Their total in rupiah; the bank file must add up to it.</summary>
    public decimal TotalAmount { get; set; }
}

/// <summary>
/// One payment of one proposal's tranche. <see cref="IdempotencyKey"/> (proposal + tranche) is unique
/// in the database, so a payment can never be created twice, whatever the user or a retry does.
/// </summary>
public sealed class Payment
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    public long ProposalId { get; set; }
    public int Tranche { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string AccountNumber { get; set; }
    public required string AccountHolder { get; set; }
    public decimal Amount { get; set; }
    public required string Description { get; set; }
    /// <summary>pending, paid, failed.</summary>
    public required string Status { get; set; }
    public string? BankReason { get; set; }
    public DateTimeOffset? ReconciledAt { get; set; }
}

/// <summary>The statuses of a <see cref="Payment"/>.</summary>
public static class PaymentStatuses
{
    public const string Pending = "pending";
    public const string Paid = "paid";
    public const string Failed = "failed";
}
