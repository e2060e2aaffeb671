using System.Globalization;
using Sejahtera.Engine.Registry.Generation;

namespace Sejahtera.Bench;

/// <summary>Options of the <c>api</c> scenario: registry size, request rate, run length and PostgreSQL.</summary>
internal sealed record ApiOptions(int Households, int Rate, int Seconds, string? PostgresAdmin)
{
    public const int DefaultRate = 200;
    public const int DefaultSeconds = 60;

    public static ApiOptions Parse(ReadOnlySpan<string> args)
    {
        var households = DtksGenerator.FullScaleHouseholds;
        var rate = DefaultRate;
        var seconds = DefaultSeconds;
        string? postgres = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                throw new UsageException(name.StartsWith("--", StringComparison.Ordinal)
                    ? $"{name} needs a value"
                    : $"unexpected argument '{name}'");
            }

            var value = args[++i];
            switch (name)
            {
                case "--households":
                    households = Positive(name, value);
                    break;
                case "--rate":
                    rate = Positive(name, value);
                    break;
                case "--seconds":
                    seconds = Positive(name, value);
                    break;
                case "--postgres":
                    postgres = string.IsNullOrWhiteSpace(value)
                        ? throw new UsageException("--postgres needs a connection string")
                        : value;
                    break;
                default:
                    throw new UsageException($"unknown option '{name}'");
            }
        }

        if ((long)rate * seconds > 1_000_000)
        {
            throw new UsageException("--rate × --seconds must stay at most 1,000,000 requests");
        }

        postgres ??= Environment.GetEnvironmentVariable(ImportOptions.PostgresVariable) is { Length: > 0 } fromEnv ? fromEnv : null;
        return new ApiOptions(households, rate, seconds, postgres);
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{name} must be a positive whole number, not '{value}'");
}
