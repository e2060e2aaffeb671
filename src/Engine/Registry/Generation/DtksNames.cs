namespace Sejahtera.Engine.Registry.Generation;

/// <summary>
/// Small name lists for the synthetic registry. Weighted towards the Catholic and Protestant given
/// names and the marga of Timor, Rote, Sabu, Flores, Alor and Sumba, with some Muslim names as found
/// on the coasts. None contains a comma or a quote, so rows need no quoting.
/// </summary>
internal static class DtksNames
{
    public static readonly string[] Male =
    [
        "Yohanes", "Fransiskus", "Agustinus", "Petrus", "Paulus", "Yosef", "Markus", "Dominikus",
        "Stefanus", "Kornelis", "Yakobus", "Simon", "Andreas", "Aloysius", "Benediktus", "Hendrikus",
        "Laurensius", "Marthen", "Daniel", "Yermias", "Melkianus", "Obed", "Nikolaus", "Ignasius",
        "Yulius", "Antonius", "Rudolf", "Arnoldus", "Gregorius", "Silvester", "Adrianus", "Wilhelmus",
        "Mikael", "Herman", "Yusuf", "Ahmad", "Muhammad", "Abdul", "Kristian", "Ferdinandus",
        "Yoakim", "Leonardus", "Robertus", "Matius", "Alfred", "Semuel", "Yunus", "Elias",
        "Ishak", "Godlif", "Sefanya", "Oktovianus", "Frederik", "Yeremias", "Pius", "Vinsensius",
    ];

    public static readonly string[] Female =
    [
        "Maria", "Agustina", "Yohana", "Fransiska", "Margaretha", "Theresia", "Elisabeth", "Magdalena",
        "Veronika", "Katarina", "Anastasia", "Yuliana", "Martha", "Ribka", "Dorkas", "Sarlota",
        "Debora", "Yustina", "Petronela", "Kristina", "Helena", "Yosefina", "Florentina", "Siti",
        "Nurhayati", "Aisyah", "Ester", "Naomi", "Selfina", "Oktavia", "Lusia", "Bernadeta",
        "Agnes", "Regina", "Rosalia", "Imelda", "Wilhelmina", "Marselina", "Adriana", "Serlina",
        "Yakoba", "Orpa", "Mince", "Dominika", "Yasinta", "Emerensiana", "Sofia", "Paulina",
    ];

    public static readonly string[] Family =
    [
        "Nusa", "Ndolu", "Lado", "Wadu", "Bria", "Tefa", "Seran", "Kolo", "Manu", "Benu",
        "Nenobais", "Tanesib", "Lakapu", "Pah", "Kase", "Nahak", "Mau", "Klau", "Bere", "Tallo",
        "Ratu", "Bili", "Kaka", "Ndima", "Dethan", "Fanggidae", "Pello", "Messakh", "Amalo", "Foenay",
        "Riwu", "Lay", "Haba", "Hege", "Ngongo", "Djawa", "Da Costa", "Da Silva", "Fernandez", "Parera",
        "Lewar", "Koten", "Kelen", "Wuwur", "Sanga", "Nggebu", "Jehadu", "Janggur", "Ndiwa", "Hurint",
        "Leki", "Lewa", "Tamo Ama", "Dapa Talu", "Bulu", "Wake", "Selan", "Taek", "Asa", "Fallo",
        "Laka", "Mone", "Sogen", "Making", "Gobang", "Tokan", "Sabon", "Wangge", "Rado", "Mbete",
    ];

    /// <summary>The Sumba noble titles Umbu (men) and Rambu (women), commonly written as part of the name.</summary>
    public const string SumbaMalePrefix = "Umbu";

    public const string SumbaFemalePrefix = "Rambu";

    public static bool IsSumba(string kabupatenCode) =>
        kabupatenCode is "53.11" or "53.12" or "53.17" or "53.18";
}
