namespace Sejahtera.Engine.Panti;

/// <summary>
/// No such resident for this user: a resident of another home (or outside the user's region)
/// answers exactly like one that does not exist.
/// </summary>
public sealed class ResidentNotFoundException(long id) : Exception($"Penghuni {id} tidak ditemukan di panti dalam lingkup Anda.");

/// <summary>A change to the resident register was refused; nothing changed. The message is in Indonesian.</summary>
public sealed class ResidentRefusedException(string message, bool conflict = false) : Exception(message)
{
    /// <summary>Someone else changed the resident first (HTTP 409 rather than 400).</summary>
    public bool Conflict { get; } = conflict;

    internal static ResidentRefusedException ChangedMeanwhile() =>
        new("Data penghuni sudah diubah pengguna lain; tidak ada yang berubah. Muat ulang lalu ulangi.", conflict: true);
}
