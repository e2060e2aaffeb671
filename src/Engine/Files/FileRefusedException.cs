namespace Sejahtera.Engine.Files;

/// <summary>A file (DTKS export, bank answer, resident list…) cannot be read as a whole; nothing changed. The message is for the person who sent it, in Indonesian.</summary>
public sealed class FileRefusedException(string message) : Exception(message);
