using System.Globalization;
using Sejahtera.Engine.Registry.Generation;

namespace Sejahtera.Bench;

internal sealed record ImportOptions(int Households, int Seed, double DefectRate, string? PostgresAdmin)
{
    /// <summary>Consulted when --postgres is not given, so CI can enable PostgreSQL without changing the command.</summary>
    public const string PostgresVariable = "SEJAHTERA_BENCH_POSTGRES";

    public const int DefaultSeed = 2020;
    public const double DefaultDefectRate = 0.01;

    public static ImportOptions Parse(ReadOnlySpan<string> args)
    {
        var households = DtksGenerator.FullScaleHouseholds;
        var seed = DefaultSeed;
        var defectRate = DefaultDefectRate;
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
                    households = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h > 0
                        ? h
                        : throw new UsageException($"--households must be a positive whole number, not '{value}'");
                    break;
                case "--seed":
                    seed = int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)
                        ? s
                        : throw new UsageException($"--seed must be a whole number, not '{value}'");
                    break;
                case "--defect-rate":
                    defectRate = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1
                        ? r
                        : throw new UsageException($"--defect-rate must be between 0 and 1, not '{value}'");
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

        postgres ??= Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } fromEnv ? fromEnv : null;
        return new ImportOptions(households, seed, defectRate, postgres);
    }
}
