using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Sejahtera.Rules.Language;

/// <summary>
/// Reads a rule set from YAML into a <see cref="RuleSetDocument"/>, keeping the line and column of
/// every element. Structural problems are collected (not thrown one by one) so an admin sees all of
/// them at once; <see cref="Load"/> throws a <see cref="RuleSetException"/> when there are any.
/// </summary>
public static class RuleSetLoader
{
    public static RuleSetDocument Load(string yaml, string sourceName)
    {
        var problems = new List<RuleSetProblem>();
        var document = TryLoad(yaml, sourceName, problems);
        if (problems.Count > 0 || document is null)
        {
            throw new RuleSetException(problems);
        }

        return document;
    }

    internal static RuleSetDocument? TryLoad(string yaml, string sourceName, List<RuleSetProblem> problems)
    {
        // Size, nesting and alias expansion are bounded before the representation model is built.
        if (YamlLimits.Check(yaml, sourceName) is { } limit)
        {
            problems.Add(limit);
            return null;
        }

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                problems.Add(new RuleSetProblem(sourceName, null, new SourcePosition(1, 1), "berkas harus berisi tepat satu dokumen YAML berupa pemetaan (kunci: nilai)"));
                return null;
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            problems.Add(new RuleSetProblem(sourceName, null, Pos(e.Start), "YAML tidak dapat dibaca: " + Inner(e).Message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // The scanner sometimes fails without a mark; the last event read before the failure says where.
            problems.Add(new RuleSetProblem(sourceName, null, LastGoodPosition(yaml), "YAML tidak dapat dibaca: struktur tidak lengkap (kurung atau tanda kutip tidak ditutup?)"));
            return null;
        }

        var reader = new Reader(sourceName, problems);
        reader.Known(root, null, "program", "title", "subject", "version", "effective_from", "legal_basis", "parameters", "criteria", "outcomes", "tests");
        var program = reader.Text(root, "program", required: true);
        reader.Name = program.Length > 0 ? program : sourceName;
        var version = reader.Text(root, "version", required: true);
        if (version.Length > 0)
        {
            reader.Name = $"{reader.Name} {version}";
        }

        return new RuleSetDocument
        {
            Program = program,
            Title = reader.Text(root, "title", required: true),
            Subject = reader.Text(root, "subject", required: true),
            Version = version,
            EffectiveFrom = reader.Date(root, "effective_from", required: true) ?? default,
            LegalBasis = reader.Map(root, "legal_basis").ToDictionary(kv => kv.Key, kv => reader.Scalar(kv.Value, kv.Key) ?? ""),
            Parameters = reader.Map(root, "parameters").Select(kv => reader.Parameter(kv.Key, kv.Value)).ToList(),
            Criteria = reader.List(root, "criteria").Select(reader.Criterion).ToList(),
            Outcomes = reader.List(root, "outcomes").Select(reader.Outcome).ToList(),
            Tests = reader.List(root, "tests").Select(reader.Test).ToList(),
            Position = Pos(root.Start),
            Source = yaml,
        };
    }

    private static SourcePosition LastGoodPosition(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var last = new SourcePosition(1, 1);
        try
        {
            while (parser.MoveNext())
            {
                last = Pos(parser.Current!.Start);
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Expected: this is the failure being located.
        }

        return last;
    }

    internal static SourcePosition Pos(Mark mark) => new((int)mark.Line, (int)mark.Column);

    private static Exception Inner(Exception e) => e.InnerException is YamlException inner ? Inner(inner) : e;

    private sealed class Reader(string sourceName, List<RuleSetProblem> problems)
    {
        public string Name { get; set; } = sourceName;

        private void Problem(YamlNode at, string? element, string message) =>
            problems.Add(new RuleSetProblem(Name, element, Pos(at.Start), message));

        /// <summary>
        /// Every key of <paramref name="map"/> that the language does not know is refused at its own line
        /// and column: a typo (<c>amout:</c>, <c>faild:</c>) must never be silently ignored.
        /// </summary>
        public void Known(YamlMappingNode map, string? element, params string[] keys)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!keys.Contains(name, StringComparer.Ordinal))
                {
                    Problem(key, element, $"kunci '{name}' tidak dikenal (yang dikenal di sini: {string.Join(", ", keys)})");
                }
            }
        }

        public string Text(YamlMappingNode map, string key, bool required, string? element = null)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                if (required)
                {
                    Problem(map, element, $"kunci '{key}' wajib diisi");
                }

                return "";
            }

            return Scalar(node, element ?? key) ?? "";
        }

        public string? Scalar(YamlNode node, string element)
        {
            if (node is YamlScalarNode scalar)
            {
                return scalar.Value ?? "";
            }

            Problem(node, element, "harus berupa teks atau angka tunggal");
            return null;
        }

        public DateOnly? Date(YamlMappingNode map, string key, bool required, string? element = null)
        {
            var text = Text(map, key, required, element);
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Problem(map.Children[new YamlScalarNode(key)], element ?? key, $"'{text}' bukan tanggal berformat yyyy-mm-dd");
            return null;
        }

        public ExpressionText? Expression(YamlMappingNode map, string key, bool required, string element)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                if (required)
                {
                    Problem(map, element, $"kunci '{key}' wajib diisi");
                }

                return null;
            }

            if (node is not YamlScalarNode scalar)
            {
                Problem(node, element, $"'{key}' harus berupa ekspresi teks");
                return null;
            }

            // Quoted scalars start one column after the opening quote; block scalars on the next line.
            var start = Pos(scalar.Start);
            start = scalar.Style switch
            {
                ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => start with { Column = start.Column + 1 },
                ScalarStyle.Literal or ScalarStyle.Folded => new SourcePosition(start.Line + 1, start.Column + 2),
                _ => start,
            };
            return new ExpressionText(scalar.Value ?? "", start);
        }

        public IEnumerable<KeyValuePair<string, YamlNode>> Map(YamlMappingNode map, string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                return [];
            }

            if (node is not YamlMappingNode child)
            {
                Problem(node, key, $"'{key}' harus berupa pemetaan (kunci: nilai)");
                return [];
            }

            return child.Children.Select(kv => new KeyValuePair<string, YamlNode>(((YamlScalarNode)kv.Key).Value ?? "", kv.Value)).ToList();
        }

        public IEnumerable<YamlMappingNode> List(YamlMappingNode map, string key)
        {
            if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                return [];
            }

            if (node is not YamlSequenceNode sequence)
            {
                Problem(node, key, $"'{key}' harus berupa daftar");
                return [];
            }

            var items = new List<YamlMappingNode>();
            foreach (var item in sequence)
            {
                if (item is YamlMappingNode mapping)
                {
                    items.Add(mapping);
                }
                else
                {
                    Problem(item, key, "setiap butir harus berupa pemetaan (kunci: nilai)");
                }
            }

            return items;
        }

        public ParameterDefinition Parameter(string name, YamlNode node)
        {
            var values = new List<DatedValue>();
            if (node is not YamlSequenceNode sequence)
            {
                Problem(node, $"parameter {name}", "harus berupa daftar nilai bertanggal: [{ from: yyyy-mm-dd, value: …, ref: … }]");
                return new ParameterDefinition(name, values, Pos(node.Start));
            }

            foreach (var item in sequence)
            {
                if (item is not YamlMappingNode entry)
                {
                    Problem(item, $"parameter {name}", "setiap nilai harus berupa { from, value, ref }");
                    continue;
                }

                Known(entry, $"parameter {name}", "from", "value", "ref");
                var from = Date(entry, "from", required: true, $"parameter {name}");
                if (!entry.Children.TryGetValue(new YamlScalarNode("value"), out var valueNode) || valueNode is not YamlScalarNode scalar)
                {
                    Problem(entry, $"parameter {name}", "kunci 'value' wajib diisi dengan satu nilai");
                    continue;
                }

                var refText = Text(entry, "ref", required: false, $"parameter {name}");
                if (from is { } date)
                {
                    values.Add(new DatedValue(date, ParameterValue(scalar), refText.Length == 0 ? null : refText, Pos(entry.Start)));
                }
            }

            return new ParameterDefinition(name, values, Pos(node.Start));
        }

        public CriterionDefinition Criterion(YamlMappingNode map)
        {
            var id = Text(map, "id", required: true, "kriteria");
            var element = id.Length == 0 ? "kriteria" : $"kriteria {id}";
            Known(map, element, "id", "title", "tag", "ref", "when", "because", "because_passed");
            var title = Text(map, "title", required: true, element);
            return new CriterionDefinition(
                id,
                title,
                Text(map, "tag", required: true, element),
                Text(map, "ref", required: true, element),
                Expression(map, "when", required: true, element) ?? new ExpressionText("", Pos(map.Start)),
                Expression(map, "because", required: true, element) ?? new ExpressionText("", Pos(map.Start)),
                Pos(map.Start))
            {
                TitleText = title.Length == 0 ? null : Expression(map, "title", required: false, element),
                BecausePassed = Expression(map, "because_passed", required: false, element),
            };
        }

        public OutcomeDefinition Outcome(YamlMappingNode map)
        {
            var id = Text(map, "id", required: true, "hasil");
            var element = id.Length == 0 ? "hasil" : $"hasil {id}";
            Known(map, element, "id", "when", "amount", "because");
            return new OutcomeDefinition(
                id,
                Expression(map, "when", required: true, element) ?? new ExpressionText("", Pos(map.Start)),
                Expression(map, "amount", required: false, element),
                Pos(map.Start))
            {
                Because = Expression(map, "because", required: false, element),
            };
        }

        public TestCaseDefinition Test(YamlMappingNode map)
        {
            var name = Text(map, "name", required: true, "uji");
            var element = $"uji '{name}'";
            Known(map, element, "name", "as_of", "given", "expect");
            var asOf = Date(map, "as_of", required: true, element) ?? default;
            JsonNode? given = null;
            if (map.Children.TryGetValue(new YamlScalarNode("given"), out var givenNode))
            {
                try
                {
                    given = ToJson(givenNode, new NodeBudget(YamlLimits.MaxNodes));
                }
                catch (NodeBudget.ExceededException)
                {
                    Problem(givenNode, element, $"subjek terlalu besar: lebih dari {YamlLimits.MaxNodes} simpul setelah alias diuraikan");
                    given = new JsonObject();
                }
            }


            if (given is not JsonObject)
            {
                Problem(map, element, "kunci 'given' wajib berisi subjek berupa pemetaan");
            }

            TestExpectation expect = new("", null, null);
            if (map.Children.TryGetValue(new YamlScalarNode("expect"), out var expectNode) && expectNode is YamlMappingNode e)
            {
                Known(e, element, "outcome", "amount", "failed");
                var amountText = Text(e, "amount", required: false, element);
                decimal? amount = null;
                if (amountText.Length > 0)
                {
                    if (decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var a))
                    {
                        amount = a;
                    }
                    else
                    {
                        Problem(e, element, $"amount '{amountText}' bukan angka");
                    }
                }

                IReadOnlyList<string>? failed = null;
                if (e.Children.TryGetValue(new YamlScalarNode("failed"), out var failedNode))
                {
                    failed = failedNode is YamlSequenceNode list
                        ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList()
                        : [];
                }

                expect = new TestExpectation(Text(e, "outcome", required: true, element), amount, failed);
            }
            else
            {
                Problem(map, element, "kunci 'expect' wajib berisi { outcome, failed?, amount? }");
            }

            return new TestCaseDefinition(name, asOf, given?.ToJsonString() ?? "{}", expect, Pos(map.Start));
        }

        /// <summary>Typed by what the YAML says: whole numbers, decimals, booleans, dates, else text.</summary>
        private static object ParameterValue(YamlScalarNode scalar)
        {
            var text = scalar.Value ?? "";
            if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
            {
                return text;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            {
                return i;
            }

            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return (decimal)l;
            }

            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
            {
                return d;
            }

            if (text is "true" or "false")
            {
                return text == "true";
            }

            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : text;
        }
    }

    /// <summary>How many nodes a conversion may still produce; each alias is converted in full, so it spends what it expands to.</summary>
    internal sealed class NodeBudget(int nodes)
    {
        public sealed class ExceededException : Exception;

        public void Spend()
        {
            if (--nodes < 0)
            {
                throw new ExceededException();
            }
        }
    }

    /// <summary>YAML to JSON for test subjects: plain scalars become numbers, booleans or null where they look like one.</summary>
    internal static JsonNode? ToJson(YamlNode node, NodeBudget budget)
    {
        budget.Spend();
        return node switch
        {
            YamlMappingNode map => Merge(map, budget),
            YamlSequenceNode list => new JsonArray(list.Children.Select(n => ToJson(n, budget)).ToArray()),
            YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s => JsonValue.Create(s.Value),
            YamlScalarNode s => s.Value switch
            {
                null or "~" or "null" => null,
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                var v when decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && !v.Contains(',', StringComparison.Ordinal) => JsonValue.Create(d),
                var v => JsonValue.Create(v),
            },
            _ => null,
        };
    }

    /// <summary>YAML merge keys (<c>&lt;&lt;: *base</c>): the base's entries first, then this map's own override them.</summary>
    private static JsonObject Merge(YamlMappingNode map, NodeBudget budget)
    {
        var result = new JsonObject();
        if (map.Children.TryGetValue(new YamlScalarNode("<<"), out var merged))
        {
            var bases = merged is YamlSequenceNode list ? list.Children : [merged];
            foreach (var b in bases.OfType<YamlMappingNode>())
            {
                foreach (var (key, value) in Merge(b, budget))
                {
                    result[key] = value?.DeepClone();
                }
            }
        }

        foreach (var (key, value) in map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (name != "<<")
            {
                result[name] = ToJson(value, budget);
            }
        }

        return result;
    }
}
