namespace Sejahtera.Engine.Pkh;

/// <summary>No such KPM for this user: a family of another desa answers exactly like one that does not exist.</summary>
public sealed class KpmNotFoundException(long id) : Exception($"KPM {id} tidak ditemukan dalam lingkup Anda.");

/// <summary>A change to the KPM register was refused; nothing changed. The message is in Indonesian.</summary>
public sealed class KpmRefusedException(string message) : Exception(message);
