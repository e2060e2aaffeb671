namespace Sejahtera.Engine.Cases;

/// <summary>The programs whose cases run on the case engine; each is also the name of its rule set.</summary>
public static class CasePrograms
{
    public const string Kube = "kube";

    /// <summary>Termination assistance for residents leaving a government care home (panti).</summary>
    public const string PantiTermination = "panti-terminasi";

    /// <summary>PKH graduation: a family evaluated, visited, decided and leaving the register.</summary>
    public const string PkhGraduation = "pkh-graduasi";

    public static IReadOnlyList<string> All { get; } = [Kube, PantiTermination, PkhGraduation];

    /// <summary>The permission of those who own a program's cases (create, edit the draft, attach at any open stage).</summary>
    public static Identity.Permission OwnerPermission(string program) => program switch
    {
        PantiTermination => Identity.Permission.ProposeTermination,
        PkhGraduation => Identity.Permission.AssessGraduation,
        _ => Identity.Permission.ManageProposals,
    };

    /// <summary>The program as a user reads it.</summary>
    public static string Label(string program) => program switch
    {
        Kube => "KUBE",
        PantiTermination => "Bantuan terminasi panti",
        PkhGraduation => "Graduasi PKH",
        _ => program,
    };
}
