using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Security;

/// <summary>The roles of docs/roles.md.</summary>
public static class Roles
{
    // One list of role names for the whole application; workflow definitions are validated against it.
    public const string Admin = WorkflowRoles.Admin;
    public const string RulePublisher = WorkflowRoles.RulePublisher;
    public const string Operator = WorkflowRoles.Operator;
    public const string Verifier = WorkflowRoles.Verifier;
    public const string Pendamping = WorkflowRoles.Pendamping;
    public const string KepalaBidang = WorkflowRoles.KepalaBidang;
    public const string KepalaDinas = WorkflowRoles.KepalaDinas;
    public const string Bendahara = WorkflowRoles.Bendahara;
    public const string UptStaff = WorkflowRoles.UptStaff;
    public const string Rehsos = WorkflowRoles.Rehsos;
    public const string PkhCoordinator = WorkflowRoles.PkhCoordinator;
    public const string Viewer = WorkflowRoles.Viewer;
    public const string Planner = WorkflowRoles.Planner;
    public const string BidangStaff = WorkflowRoles.BidangStaff;

    public static IEnumerable<string> All => WorkflowRoles.All;

    public static string Label(string role) => WorkflowRoles.Label(role);
}
