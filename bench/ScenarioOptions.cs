using System.Globalization;
using Sejahtera.Engine.Registry.Generation;

namespace Sejahtera.Bench;

/// <summary>
/// Options of the evaluation scenarios (screen, screen-db, dry-run): how many households, how many the
/// split of where time goes looks at, and the PostgreSQL admin connection (screen-db), from
/// <c>--postgres</c> or <see cref="ImportOptions.PostgresVariable"/>.
/// </summary>
internal sealed record ScenarioOptions(int Households, int? Subset, string? Postgres = null)
{
    public static ScenarioOptions Parse(ReadOnlySpan<string> args)
    {
        var households = DtksGenerator.FullScaleHouseholds;
        int? subset = null;
        var postgres = Environment.GetEnvironmentVariable(ImportOptions.PostgresVariable);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new UsageException($"{args[i]} needs a value");
            }

            if (args[i] == "--postgres")
            {
                postgres = args[i + 1];
                continue;
            }

            var value = int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new UsageException($"{args[i]} must be a positive whole number, not '{args[i + 1]}'");
            switch (args[i])
            {
                case "--households":
                    households = value;
                    break;
                case "--subset":
                    subset = value;
                    break;
                default:
                    throw new UsageException($"unknown option '{args[i]}'");
            }
        }

        return new ScenarioOptions(households, subset, string.IsNullOrWhiteSpace(postgres) ? null : postgres);
    }
}
