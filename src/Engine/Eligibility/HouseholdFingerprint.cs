using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sejahtera.Engine.Registry;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Engine.Eligibility;

/// <summary>
/// What the rules see of a household, reduced to compare periods: a hash of its facts (every property
/// of the household and of each member, in the order the rules get them) and its members' birth dates,
/// since the ages the rules read change with the date even when the facts do not. Written at import;
/// an incremental screening carries a decision forward only for a household whose hash is unchanged.
/// </summary>
public sealed class HouseholdFingerprint
{
    public long HouseholdId { get; set; }
    public long FactsHash { get; set; }
    /// <summary>Each member's birth date as a day number (four bytes, little-endian), in fact order.</summary>
    public required byte[] BirthDays { get; set; }

    public static HouseholdFingerprint Of(long householdId, Fact.Household facts)
    {
        // Serialised as a whole, so a property added to the facts is part of the hash without a change here.
        var json = JsonSerializer.SerializeToUtf8Bytes(facts);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(json, hash);
        var birthDays = new byte[facts.Members.Count * 4];
        for (var i = 0; i < facts.Members.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(birthDays.AsSpan(i * 4), facts.Members[i].BirthDate.DayNumber);
        }

        return new HouseholdFingerprint { HouseholdId = householdId, FactsHash = BinaryPrimitives.ReadInt64LittleEndian(hash), BirthDays = birthDays };
    }

    /// <summary>Every member has the same age on both dates.</summary>
    public static bool AgesAlike(ReadOnlySpan<byte> birthDays, DateOnly a, DateOnly b)
    {
        for (var i = 0; i + 4 <= birthDays.Length; i += 4)
        {
            var born = DateOnly.FromDayNumber(BinaryPrimitives.ReadInt32LittleEndian(birthDays[i..]));
            if (Fact.Age.On(born, a) != Fact.Age.On(born, b))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class HouseholdFingerprintConfiguration : IEntityTypeConfiguration<HouseholdFingerprint>
{
    public void Configure(EntityTypeBuilder<HouseholdFingerprint> builder)
    {
        builder.ToTable("household_fingerprints");
        builder.HasKey(f => f.HouseholdId);
        builder.Property(f => f.HouseholdId).ValueGeneratedNever();
        builder.Property(f => f.BirthDays).HasMaxLength(4000);
        builder.HasOne<Household>().WithOne().HasForeignKey<HouseholdFingerprint>(f => f.HouseholdId).OnDelete(DeleteBehavior.Cascade);
    }
}
