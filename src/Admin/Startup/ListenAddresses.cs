using System.Net;
using System.Net.Sockets;

namespace Sejahtera.Admin.Startup;

/// <summary>
/// Where the host listens: <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>Urls</c> as configured, else
/// <see cref="Default"/>; and whether each port is still free, checked before any start-up work
/// (migrations, demo data) so a taken port ends the start with one line instead of a stack trace.
/// </summary>
internal static class ListenAddresses
{
    public const string Default = "http://localhost:5080";

    /// <summary>The configured addresses (<c>urls</c>, separated by ';'), or <see cref="Default"/>.</summary>
    public static IReadOnlyList<string> Of(IConfiguration configuration) =>
        (configuration["urls"] is { Length: > 0 } urls ? urls : Default)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The first address whose port another program already holds, with the Indonesian line to print; null when all are free.</summary>
    public static string? Taken(IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            if (Endpoint(address) is not { } endpoint || endpoint.Port == 0)
            {
                continue;
            }

            try
            {
                var listener = new TcpListener(endpoint);
                listener.Server.ExclusiveAddressUse = true;
                listener.Start();
                listener.Stop();
            }
            catch (SocketException)
            {
                return $"Port {endpoint.Port} ({address}) sudah dipakai program lain; hentikan program itu atau pilih alamat lain dengan --urls atau ASPNETCORE_URLS.";
            }
        }

        return null;
    }

    private static IPEndPoint? Endpoint(string address)
    {
        // Kestrel's wildcards (http://*:5080, http://+:5080) are not URIs a parser accepts.
        var normalized = address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var ip = uri.Host is "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
            : IPAddress.Any;
        return new IPEndPoint(ip, uri.Port);
    }
}
