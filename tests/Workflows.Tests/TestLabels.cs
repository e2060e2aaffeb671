using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sejahtera.Workflows.Tests;

/// <summary>
/// Labels for the small definitions written in tests about other rules: every state, transition and role that
/// has none gets one ("Tahap review", "Tindakan accept"), so those tests meet only the problem they are about.
/// Text that is not a JSON object is returned as it is.
/// </summary>
internal static class TestLabels
{
    public static string Added(string json)
    {
        JsonObject root;
        try
        {
            if (JsonNode.Parse(json) is not JsonObject parsed)
            {
                return json;
            }

            root = parsed;
        }
        catch (JsonException)
        {
            return json;
        }

        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, node) in root["states"] as JsonObject ?? [])
        {
            if (node is not JsonObject state)
            {
                continue;
            }

            state["label"] ??= $"Tahap {name}";
            if (state["task"] is JsonObject task)
            {
                roles.UnionWith((task["roles"] as JsonArray ?? []).Select(r => r?.GetValue<string>()).OfType<string>());
                if (task["escalate_to"]?.GetValue<string>() is { } escalate)
                {
                    roles.Add(escalate);
                }
            }

            foreach (var (trigger, t) in state["on"] as JsonObject ?? [])
            {
                if (t is JsonObject transition)
                {
                    transition["label"] ??= $"Tindakan {trigger}";
                    roles.UnionWith((transition["roles"] as JsonArray ?? []).Select(r => r?.GetValue<string>()).OfType<string>());
                }
            }
        }

        if (root["role_labels"] is not JsonObject labels)
        {
            labels = [];
            root["role_labels"] = labels;
        }

        foreach (var role in roles.Where(r => !labels.ContainsKey(r)))
        {
            labels[role] = $"Peran {role}";
        }

        return root.ToJsonString();
    }
}
