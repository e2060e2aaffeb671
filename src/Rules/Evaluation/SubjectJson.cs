using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sejahtera.Rules.Evaluation;

/// <summary>Subjects to and from JSON: the form decisions store their inputs in, and tests and the API send.</summary>
public static class SubjectJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static Facts.IFact Read(string json, Type subjectType)
    {
        try
        {
            return JsonSerializer.Deserialize(json, subjectType, Options) as Facts.IFact
                ?? throw new RuleEvaluationException("Subjek kosong.");
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? "" : $" pada {e.Path}";
            throw new RuleEvaluationException($"Subjek {subjectType.Name} tidak dapat dibaca{where}: {e.Message.Split(". Path:")[0]}");
        }
    }

    public static string Write(Facts.IFact subject) => JsonSerializer.Serialize(subject, subject.GetType(), Options);
}
