namespace Sejahtera.Workflows.Definitions;

/// <summary>What is wrong with a definition; lets tests and callers tell problems apart without parsing messages.</summary>
public enum ProblemKind
{
    InvalidJson,
    InvalidStructure,
    InvalidName,
    UnknownInitialState,
    UnknownTarget,
    UnreachableState,
    FinalStateWithExits,
    FinalStateWithTask,
    StateWithoutExits,
    UnknownGuard,
    UnknownAction,
    UnknownRole,
    InvalidSla,
    UnknownMeaning,
    ContractBroken,
    TooLarge,
    TooManyStates,
    NoFinalState,
    NoWayToFinalState,
    UnknownTrigger,
    UnknownDate,
    MissingLabel,
}

/// <summary>
/// One problem found in a definition, naming the state and transition where it is (when it has one).
/// <see cref="Message"/> is the full Indonesian sentence, e.g.
/// <c>state 'desk-verification', transisi 'pass': tujuan 'field-verificaton' tidak ada</c>.
/// </summary>
public sealed record WorkflowProblem(ProblemKind Kind, string? State, string? Trigger, string Detail)
{
    public string Message
    {
        get
        {
            var where = (State, Trigger) switch
            {
                (not null, not null) => $"state '{State}', transisi '{Trigger}': ",
                (not null, null) => $"state '{State}': ",
                _ => "",
            };
            return where + Detail;
        }
    }

    public override string ToString() => Message;
}
