namespace Sejahtera.Engine.Registry.Import;

/// <summary>The file as a whole cannot be imported. The message is for the person who sent it, in Indonesian.</summary>
public sealed class DtksFileException(string message) : Exception(message);
