using System.Globalization;
using Sejahtera.Engine.Regions;

namespace Sejahtera.Engine.Registry.Generation;

/// <summary>
/// The state of one generation run: random source, NIK serial counters, the output buffer and the
/// running totals. Households are built into a reusable member array and written row by row, so
/// memory stays bounded whatever the size of the file.
/// </summary>
internal sealed class DtksGeneratorSession
{
    private const int MaxMembers = 32;
    private const int BufferSize = 1 << 16;
    private const int MaxRowLength = 512;
    private const int DuplicatePoolSize = 1024;

    // NIK date part is DDMMYY: a serial counter per kecamatan for each (YY, MM, DD) keeps NIKs unique
    // even for people born a century apart on the same day.
    private const int DateSlots = 100 * 12 * 31;

    // Ages stay below 97 so the two-digit NIK year never refers to two centuries within one file.
    private const int MaxAge = 95;

    // Tabel 3.7 (Kelimutu): KK per desil 1–4, used as the desil mix for every kabupaten.
    private static readonly int[] DesilWeights = [1087, 1918, 1516, 1032];

    // Assumption: BPNT reaches the poorer desil more often; overall about 60% of DTKS households.
    private static readonly double[] BpntRateByDesil = [0.80, 0.65, 0.50, 0.35];

    // Assumption: PBI-JK covers most DTKS households, more of the poorest; members mostly all enrolled.
    private static readonly double[] PbiRateByDesil = [0.90, 0.85, 0.75, 0.65];
    private const double PbiMemberEnrolled = 0.95;

    // Assumption: about 2% of people with a light/moderate and 0.5% with a severe disability. The
    // PMKS count of Tabel 2.7 (7,839) covers only people served, far below the real prevalence.
    private const double SevereDisability = 0.005;
    private const double LightDisability = 0.02;

    // Rows whose tanggal_lahir is written dd-mm-yyyy, as some kabupaten export it; both are valid.
    private const double AlternateDateFormat = 0.01;

    // Indexes into DtksDefectKind.All.
    private const int MismatchKind = 1;
    private const int UnknownRegionKind = 2;

    private readonly Random rng;
    private readonly GeneratorOptions options;
    private readonly DateOnly reference;
    private readonly TextWriter writer;
    private readonly IProgress<long>? progress;
    private readonly char[] buffer = new char[BufferSize];
    private readonly Person[] members = new Person[MaxMembers];
    private readonly Person[] pool = new Person[DuplicatePoolSize];
    private readonly Dictionary<string, int> kecamatanIndex = new(StringComparer.Ordinal);
    private readonly List<ushort[]?> serials = [];
    private readonly long[] defectCounts = new long[DtksDefectKind.All.Length];

    private int pos;
    private int memberCount;
    private int poolCount;
    private long households;
    private long rows;
    private long defectiveRows;
    private long duplicateNiks;
    private long kkCounter;
    private long lastReported;

    public DtksGeneratorSession(GeneratorOptions options, DateOnly periodStart, TextWriter writer, IProgress<long>? progress)
    {
        this.options = options;
        reference = periodStart;
        this.writer = writer;
        this.progress = progress;
        rng = new Random(options.Seed);
    }

    private enum Malformation
    {
        None,
        ShortNik,
        EmptyName,
        ImpossibleDate,
        MissingColumn,
    }

    public void WriteHeader()
    {
        var first = true;
        foreach (var column in DtksColumns.All)
        {
            if (!first)
            {
                buffer[pos++] = ',';
            }

            first = false;
            Append(column);
        }

        buffer[pos++] = '\n';
    }

    public void WriteKabupaten(string kabupatenCode, int count, double pkhRate)
    {
        var desas = RegionCatalog.Ntt.DesaByKabupaten[kabupatenCode];
        var sumba = DtksNames.IsSumba(kabupatenCode);
        var kabDigits = string.Concat(kabupatenCode.AsSpan(0, 2), kabupatenCode.AsSpan(3, 2));
        for (var h = 1; h <= count; h++)
        {
            var desa = desas[rng.Next(desas.Count)].Code;
            var kecamatan = desa[..8];
            var idDtks = string.Concat("DTKS-", kabDigits, "-", h.ToString("D6", CultureInfo.InvariantCulture));
            WriteHousehold(idDtks, desa, kecamatan, sumba, pkhRate);
            households++;
            if (households % DtksGenerator.ProgressInterval == 0)
            {
                progress?.Report(households);
                lastReported = households;
            }
        }
    }

    public void Finish()
    {
        Flush();
        if (households != lastReported)
        {
            progress?.Report(households);
        }
    }

    public GenerationSummary Summary()
    {
        var byKind = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < DtksDefectKind.All.Length; i++)
        {
            byKind[DtksDefectKind.All[i]] = defectCounts[i];
        }

        return new GenerationSummary(households, rows, defectiveRows, duplicateNiks, byKind);
    }

    private void WriteHousehold(string idDtks, string desa, string kecamatan, bool sumba, double pkhRate)
    {
        var kecIdx = KecamatanIndex(kecamatan);
        BuildMembers(sumba);
        foreach (ref var m in members.AsSpan(0, memberCount))
        {
            m.Nik = Nik.Compose(kecamatan, m.BirthDate, m.Sex, NextSerial(kecIdx, m.BirthDate));
        }

        var desil = 1 + Pick(DesilWeights);
        var pkh = rng.NextDouble() < pkhRate;
        var bpnt = rng.NextDouble() < BpntRateByDesil[desil - 1];
        var pbiHousehold = rng.NextDouble() < PbiRateByDesil[desil - 1];
        foreach (ref var m in members.AsSpan(0, memberCount))
        {
            m.Pbi = pbiHousehold && rng.NextDouble() < PbiMemberEnrolled;
        }

        // Defects: at most one per household, chosen after the clean household exists.
        var kind = -1;
        var defectMember = -1;
        var malformation = Malformation.None;
        var shiftedBirthDate = default(DateOnly);
        if (options.DefectRate > 0 && rng.NextDouble() < options.DefectRate)
        {
            // A duplicate needs an earlier household to copy from.
            kind = poolCount == 0 ? 1 + rng.Next(3) : rng.Next(4);
            defectCounts[kind]++;
            switch (DtksDefectKind.All[kind])
            {
                case DtksDefectKind.DuplicateNik:
                    var source = rng.Next(poolCount);
                    ref var copy = ref members[memberCount];
                    copy = pool[source];
                    copy.Relation = 8; // the same person also listed with relatives: data ganda
                    defectMember = memberCount++;
                    pool[source] = pool[--poolCount];
                    duplicateNiks++;
                    defectiveRows++;
                    break;
                case DtksDefectKind.NikBirthDateMismatch:
                    defectMember = rng.Next(memberCount);
                    shiftedBirthDate = ShiftBirthDate(members[defectMember].BirthDate);
                    defectiveRows++;
                    break;
                case DtksDefectKind.UnknownRegion:
                    desa = DtksGenerator.UnknownRegionCode;
                    defectiveRows += memberCount;
                    break;
                default:
                    defectMember = rng.Next(memberCount);
                    malformation = (Malformation)(1 + rng.Next(4));
                    defectiveRows++;
                    break;
            }
        }

        var noKk = string.Concat(
            kecamatan.AsSpan(0, 2), kecamatan.AsSpan(3, 2), kecamatan.AsSpan(6, 2),
            (++kkCounter).ToString("D10", CultureInfo.InvariantCulture));

        for (var i = 0; i < memberCount; i++)
        {
            ref readonly var m = ref members[i];
            var isDefective = kind == UnknownRegionKind || i == defectMember;
            var birthDate = i == defectMember && kind == MismatchKind ? shiftedBirthDate : m.BirthDate;
            var rowMalformation = i == defectMember ? malformation : Malformation.None;
            var alternateDate = !isDefective && rng.NextDouble() < AlternateDateFormat;
            var omit = rowMalformation == Malformation.MissingColumn ? 4 + rng.Next(13) : -1;
            WriteRow(in m, idDtks, desa, noKk, desil, pkh, bpnt, options.Period, birthDate, rowMalformation, alternateDate, omit);
        }

        rows += memberCount;

        // Only clean households feed the duplicate pool, so a copied identity is always a valid one.
        if (kind < 0)
        {
            for (var i = 0; i < memberCount; i++)
            {
                if (poolCount < DuplicatePoolSize)
                {
                    pool[poolCount++] = members[i];
                }
                else
                {
                    pool[rng.Next(DuplicatePoolSize)] = members[i];
                }
            }
        }
    }

    private DateOnly ShiftBirthDate(DateOnly birthDate)
    {
        // A shift of under 28 days or of one year can never land on the same DDMMYY again.
        DateOnly shifted;
        if (rng.NextDouble() < 0.6)
        {
            var days = rng.Next(1, 28);
            shifted = birthDate.AddDays(days);
            if (shifted >= reference)
            {
                shifted = birthDate.AddDays(-days);
            }
        }
        else
        {
            shifted = birthDate.AddYears(1);
            if (shifted >= reference)
            {
                shifted = birthDate.AddYears(-1);
            }
        }

        return shifted;
    }

    private void BuildMembers(bool sumba)
    {
        memberCount = 0;
        var family = Family();
        var singleNames = rng.NextDouble() < 0.15;

        var headMale = rng.NextDouble() < 0.85;
        var headAge = HeadAge();
        if (!headMale)
        {
            // Women head households mostly after losing or leaving a husband: older on average.
            headAge = Math.Max(headAge, HeadAge());
        }

        var marriedProbability = headMale ? headAge switch { < 25 => 0.75, < 65 => 0.9, _ => 0.65 } : 0.15;
        var married = rng.NextDouble() < marriedProbability;
        int headMarital;
        if (married)
        {
            headMarital = 2;
        }
        else if (headMale)
        {
            headMarital = headAge < 30 && rng.NextDouble() < 0.6 ? 1 : Pick(0.2, 0.3, 0.5) + 1;
        }
        else
        {
            headMarital = Pick(0.1, 0.25, 0.65) + 1;
        }

        var headSex = headMale ? 'L' : 'P';
        Add(1, headSex, headAge, headMarital, Name(headSex, family, singleNames, sumba));

        var motherBirth = default(DateOnly);
        if (married)
        {
            var spouseSex = headMale ? 'P' : 'L';
            var spouseAge = headMale ? headAge - rng.Next(-2, 9) : headAge + rng.Next(0, 7);
            spouseAge = Math.Clamp(spouseAge, 17, MaxAge);
            Add(2, spouseSex, spouseAge, 2, Name(spouseSex, Family(), singleNames, sumba));
            motherBirth = members[headMale ? 1 : 0].BirthDate;
        }
        else if (headMarital != 1)
        {
            // The children's mother may be absent (died, divorced, working away) but still dates them.
            motherBirth = headMale ? members[0].BirthDate.AddYears(4) : members[0].BirthDate;
        }

        var firstAdultChild = -1;
        if (motherBirth != default)
        {
            firstAdultChild = AddChildren(motherBirth, family, singleNames, sumba);
        }

        // Married child living in with their spouse (menantu), then grandchildren.
        if (firstAdultChild >= 0 && members[firstAdultChild].Age >= 20 && rng.NextDouble() < 0.3)
        {
            ref var child = ref members[firstAdultChild];
            child.Marital = 2;
            child.Occupation = Occupation(child.Sex, child.Age, 2, child.School, child.Disability);
            var inLawSex = child.Sex == 'L' ? 'P' : 'L';
            var inLawAge = Math.Clamp(child.Age + rng.Next(-3, 5), 18, MaxAge);
            Add(4, inLawSex, inLawAge, 2, Name(inLawSex, Family(), singleNames, sumba));
            var grandchildren = Pick(0.3, 0.4, 0.2, 0.1);
            var maxAge = Math.Min(child.Age, inLawAge) - 18;
            for (var g = 0; g < grandchildren && maxAge >= 0; g++)
            {
                var sex = rng.NextDouble() < 0.51 ? 'L' : 'P';
                Add(5, sex, rng.Next(0, maxAge + 1), 1, Name(sex, family, singleNames, sumba));
            }
        }
        else if (headAge >= 45 && rng.NextDouble() < 0.18)
        {
            // Grandchildren left with grandparents while parents work elsewhere (merantau).
            var grandchildren = 1 + Pick(0.6, 0.3, 0.1);
            var maxAge = Math.Min(headAge - 38, 17);
            for (var g = 0; g < grandchildren; g++)
            {
                var sex = rng.NextDouble() < 0.51 ? 'L' : 'P';
                Add(5, sex, rng.Next(0, maxAge + 1), 1, Name(sex, family, singleNames, sumba));
            }
        }

        if (headAge < 62 && rng.NextDouble() < 0.12)
        {
            var parentAge = headAge + rng.Next(20, 36);
            if (parentAge <= MaxAge)
            {
                if (rng.NextDouble() < 0.2)
                {
                    Add(6, 'L', parentAge, 2, Name('L', family, singleNames, sumba));
                    Add(6, 'P', Math.Clamp(parentAge - rng.Next(0, 8), 40, MaxAge), 2, Name('P', Family(), singleNames, sumba));
                }
                else
                {
                    var sex = rng.NextDouble() < 0.68 ? 'P' : 'L';
                    Add(6, sex, parentAge, rng.NextDouble() < 0.85 ? 4 : 3, Name(sex, sex == 'L' ? family : Family(), singleNames, sumba));
                }
            }
        }

        if (rng.NextDouble() < 0.04)
        {
            // Nephew, niece, sibling: kin without a closer code.
            var sex = rng.NextDouble() < 0.5 ? 'L' : 'P';
            var age = rng.Next(3, 70);
            Add(8, sex, age, age < 20 || rng.NextDouble() < 0.5 ? 1 : 4, Name(sex, Family(), singleNames, sumba));
        }

        if (rng.NextDouble() < 0.002)
        {
            var sex = rng.NextDouble() < 0.7 ? 'P' : 'L';
            Add(7, sex, rng.Next(15, 50), 1, Name(sex, Family(), singleNames, sumba));
        }
    }

    /// <summary>Adds the children still at home; returns the index of the eldest adult child, or -1.</summary>
    private int AddChildren(DateOnly motherBirth, string family, bool singleNames, bool sumba)
    {
        // Children ever born: NTT has one of the highest fertility rates in Indonesia (TFR ~3.4).
        var born = Pick(0.04, 0.07, 0.14, 0.19, 0.19, 0.15, 0.11, 0.07, 0.04);
        var birth = motherBirth.AddDays((18 * 365) + rng.Next(0, 9 * 365));
        var lastBirth = motherBirth.AddYears(45);
        var eldestAdult = -1;
        for (var c = 0; c < born; c++)
        {
            if (c > 0)
            {
                // Siblings at least 15 months apart, usually two to three years.
                birth = birth.AddDays(rng.Next(450, 1300));
            }

            if (birth >= reference || birth > lastBirth)
            {
                break;
            }

            var childAge = AgeAt(birth);
            var stays = childAge switch
            {
                < 18 => 0.97,
                < 25 => 0.75,
                < 31 => 0.45,
                _ => 0.2,
            };
            if (rng.NextDouble() >= stays || memberCount >= MaxMembers - 12)
            {
                continue;
            }

            var sex = rng.NextDouble() < 0.51 ? 'L' : 'P';
            var marital = childAge >= 20 && rng.NextDouble() < 0.05 ? 3 : 1;
            var index = Add(3, sex, birth, marital, Name(sex, family, singleNames, sumba));
            if (childAge >= 18 && eldestAdult < 0)
            {
                eldestAdult = index;
            }
        }

        return eldestAdult;
    }

    private int AgeAt(DateOnly birth)
    {
        var age = reference.Year - birth.Year;
        return birth.AddYears(age) > reference ? age - 1 : age;
    }

    private int Add(int relation, char sex, int age, int marital, string name) =>
        Add(relation, sex, reference.AddYears(-age).AddDays(-rng.Next(1, 366)), marital, name);

    private int Add(int relation, char sex, DateOnly birthDate, int marital, string name)
    {
        var age = AgeAt(birthDate);
        ref var m = ref members[memberCount];
        m = default;
        m.Relation = relation;
        m.Sex = sex;
        m.Age = age;
        m.Marital = marital;
        m.Name = name;
        m.BirthDate = birthDate;
        var d = rng.NextDouble();
        m.Disability = d < SevereDisability ? 2 : d < SevereDisability + LightDisability ? 1 : 0;
        m.School = School(age, m.Disability);
        m.Occupation = Occupation(sex, age, marital, m.School, m.Disability);
        m.Pregnant = sex == 'P' && age is >= 15 and <= 49 && m.Disability < 2
            && rng.NextDouble() < (marital == 2 ? 0.055 : age >= 18 ? 0.005 : 0.0);
        return memberCount++;
    }

    private int HeadAge()
    {
        // Heads of DTKS households by age band, 20 to 95: most between 30 and 60.
        var band = Pick(0.10, 0.23, 0.25, 0.21, 0.13, 0.08);
        return band switch
        {
            // Fewer the older: the minimum of two draws over 70 to 95.
            5 => 70 + Math.Min(rng.Next(0, MaxAge - 70 + 1), rng.Next(0, MaxAge - 70 + 1)),
            _ => 20 + (band * 10) + rng.Next(0, 10),
        };
    }

    private int School(int age, int disability)
    {
        if (disability == 2 && age is >= 7 and <= 18 && rng.NextDouble() < 0.5)
        {
            return 0; // never enrolled
        }

        var r = rng.NextDouble();
        return age switch
        {
            < 6 => 0,
            6 => r < 0.5 ? 1 : 0,
            <= 12 => r < 0.97 ? 1 : 4,
            <= 15 => r < 0.85 ? 2 : r < 0.9 ? 1 : 4,
            <= 18 => r < 0.65 ? 3 : r < 0.7 ? 2 : 4,
            <= 21 => r < 0.08 ? 3 : 4,
            _ => 4,
        };
    }

    private int Occupation(char sex, int age, int marital, int school, int disability)
    {
        if (age < 15 || school is 1 or 2 or 3 || disability == 2)
        {
            return 0;
        }

        // Weights: none, farmer, fisher, trader, labourer, PNS/TNI/Polri, pensioner, other. The
        // registry holds the poorest 40%, so salaried and pensioned members are rare.
        ReadOnlySpan<double> weights = age switch
        {
            <= 18 => [0.15, 0.50, 0.05, 0.02, 0.23, 0.0, 0.0, 0.05],
            < 58 when sex == 'L' => [0.05, 0.58, 0.06, 0.05, 0.17, 0.004, 0.0, 0.086],
            < 58 when marital == 2 => [0.40, 0.40, 0.01, 0.08, 0.04, 0.003, 0.0, 0.067],
            < 58 => [0.25, 0.45, 0.01, 0.08, 0.12, 0.003, 0.0, 0.087],
            < 60 => [0.15, 0.60, 0.03, 0.04, 0.08, 0.003, 0.01, 0.087],
            _ => [sex == 'L' ? 0.30 : 0.45, 0.55, 0.02, 0.03, 0.02, 0.0, 0.02, 0.01],
        };
        return Pick(weights);
    }

    private string Family() => DtksNames.Family[rng.Next(DtksNames.Family.Length)];

    private string Name(char sex, string family, bool singleNames, bool sumba)
    {
        var given = sex == 'L' ? DtksNames.Male : DtksNames.Female;
        var first = given[rng.Next(given.Length)];
        if (sumba && rng.NextDouble() < 0.2)
        {
            first = string.Concat(sex == 'L' ? DtksNames.SumbaMalePrefix : DtksNames.SumbaFemalePrefix, " ", first);
        }

        if (singleNames)
        {
            return rng.NextDouble() < 0.6 ? first : string.Concat(first, " ", given[rng.Next(given.Length)]);
        }

        return string.Concat(first, " ", family);
    }

    private int KecamatanIndex(string kecamatan)
    {
        if (!kecamatanIndex.TryGetValue(kecamatan, out var index))
        {
            index = kecamatanIndex.Count;
            kecamatanIndex.Add(kecamatan, index);
            serials.Add(null);
        }

        return index;
    }

    private int NextSerial(int kecIdx, DateOnly birthDate)
    {
        var counters = serials[kecIdx] ??= new ushort[DateSlots];
        var slot = ((((birthDate.Year % 100) * 12) + birthDate.Month - 1) * 31) + birthDate.Day - 1;
        var serial = ++counters[slot];
        if (serial > 9999)
        {
            throw new InvalidOperationException("More than 9,999 NIKs for one kecamatan and birth date.");
        }

        return serial;
    }

    private int Pick(params ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var r = rng.NextDouble() * total;
        for (var i = 0; i < weights.Length - 1; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private int Pick(int[] weights)
    {
        var total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        var r = rng.Next(total);
        for (var i = 0; i < weights.Length - 1; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private void WriteRow(
        in Person m, string idDtks, string desa, string noKk, int desil, bool pkh, bool bpnt, string period,
        DateOnly birthDate, Malformation malformation, bool alternateDate, int omit)
    {
        if (pos > BufferSize - MaxRowLength)
        {
            Flush();
        }

        var field = 0;
        if (Begin(field++, omit))
        {
            AppendField(idDtks);
        }

        if (Begin(field++, omit))
        {
            Append(desa);
        }

        if (Begin(field++, omit))
        {
            Append(noKk);
        }

        if (Begin(field++, omit))
        {
            // A NIK that lost its last digit, as when typed by hand.
            Append(malformation == Malformation.ShortNik ? m.Nik.AsSpan(0, 15) : m.Nik);
        }

        if (Begin(field++, omit) && malformation != Malformation.EmptyName)
        {
            AppendField(m.Name);
        }

        if (Begin(field++, omit))
        {
            buffer[pos++] = m.Sex;
        }

        if (Begin(field++, omit))
        {
            if (malformation == Malformation.ImpossibleDate)
            {
                AppendImpossibleDate(birthDate.Year);
            }
            else
            {
                AppendDate(birthDate, alternateDate);
            }
        }

        if (Begin(field++, omit))
        {
            AppendInt(m.Relation);
        }

        if (Begin(field++, omit))
        {
            AppendInt(m.Marital);
        }

        if (Begin(field++, omit))
        {
            AppendInt(desil);
        }

        if (Begin(field++, omit))
        {
            AppendInt(m.Disability);
        }

        if (Begin(field++, omit))
        {
            AppendInt(m.School);
        }

        if (Begin(field++, omit))
        {
            buffer[pos++] = m.Pregnant ? '1' : '0';
        }

        if (Begin(field++, omit))
        {
            AppendInt(m.Occupation);
        }

        if (Begin(field++, omit))
        {
            buffer[pos++] = pkh ? '1' : '0';
        }

        if (Begin(field++, omit))
        {
            buffer[pos++] = bpnt ? '1' : '0';
        }

        if (Begin(field++, omit))
        {
            buffer[pos++] = m.Pbi ? '1' : '0';
        }

        if (Begin(field, omit))
        {
            Append(period);
        }

        buffer[pos++] = '\n';
    }

    private bool Begin(int field, int omit)
    {
        if (field == omit)
        {
            return false;
        }

        // Only fields after id_dtks are ever omitted, so field 0 always opens the row.
        if (field > 0)
        {
            buffer[pos++] = ',';
        }

        return true;
    }

    private void AppendImpossibleDate(int year)
    {
        // 31 February or 30 February, in either accepted layout.
        if (rng.NextDouble() < 0.5)
        {
            Append("31-02-");
            AppendPadded(year, 4);
        }
        else
        {
            AppendPadded(year, 4);
            Append("-02-30");
        }
    }

    private void AppendDate(DateOnly date, bool dayFirst)
    {
        if (dayFirst)
        {
            AppendPadded(date.Day, 2);
            buffer[pos++] = '-';
            AppendPadded(date.Month, 2);
            buffer[pos++] = '-';
            AppendPadded(date.Year, 4);
        }
        else
        {
            AppendPadded(date.Year, 4);
            buffer[pos++] = '-';
            AppendPadded(date.Month, 2);
            buffer[pos++] = '-';
            AppendPadded(date.Day, 2);
        }
    }

    private void AppendPadded(int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            buffer[pos + i] = (char)('0' + (value % 10));
            value /= 10;
        }

        pos += width;
    }

    private void AppendInt(int value)
    {
        if (value is >= 0 and < 10)
        {
            buffer[pos++] = (char)('0' + value);
            return;
        }

        _ = value.TryFormat(buffer.AsSpan(pos), out var written, default, CultureInfo.InvariantCulture);
        pos += written;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(buffer.AsSpan(pos));
        pos += text.Length;
    }

    private void AppendField(string text)
    {
        if (text.AsSpan().IndexOfAny(',', '"') < 0)
        {
            Append(text);
            return;
        }

        buffer[pos++] = '"';
        foreach (var c in text)
        {
            if (c == '"')
            {
                buffer[pos++] = '"';
            }

            buffer[pos++] = c;
        }

        buffer[pos++] = '"';
    }

    private void Flush()
    {
        writer.Write(buffer, 0, pos);
        pos = 0;
    }

    private struct Person
    {
        public string Nik;
        public string Name;
        public char Sex;
        public DateOnly BirthDate;
        public int Age;
        public int Relation;
        public int Marital;
        public int Disability;
        public int School;
        public bool Pregnant;
        public int Occupation;
        public bool Pbi;
    }
}
