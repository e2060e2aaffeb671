using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sejahtera.Bench;

/// <summary>
/// Collects the duration of every SQL command EF Core runs while a phase is measured, through EF's
/// DiagnosticListener, so the bench can say where an import's tail goes (duplicate flagging, id
/// look-ups) without touching the importer. The bulk writers use ADO.NET directly and are not seen
/// here; their share is the member stream, which <see cref="RowProgress"/> times.
/// </summary>
internal sealed class CommandTimings : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable allListeners;
    private readonly List<IDisposable> subscriptions = [];
    private readonly Lock gate = new();
    private readonly List<(string Sql, TimeSpan Duration)> commands = [];

    public CommandTimings() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

    public IReadOnlyList<(string Sql, TimeSpan Duration)> Slowest(int count)
    {
        lock (gate)
        {
            return commands.OrderByDescending(c => c.Duration).Take(count).ToList();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (gate)
            {
                subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData executed)
        {
            // One line, so the report stays readable whatever the SQL's layout.
            var sql = string.Join(' ', executed.Command.CommandText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            lock (gate)
            {
                commands.Add((sql, executed.Duration));
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (gate)
        {
            subscriptions.ForEach(s => s.Dispose());
            subscriptions.Clear();
        }
    }
}
