namespace Sejahtera.Admin.Startup;

internal sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    public int Households { get; set; } = 20_000;

    public string Password { get; set; } = "Demo#2026";

    public int KubeProposals { get; set; } = 200;

    /// <summary>Proposals walked through the workflow to different stages, at most 5.</summary>
    public int WorkflowProposals { get; set; } = 5;
}
