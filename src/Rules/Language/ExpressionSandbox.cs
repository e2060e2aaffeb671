using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using DynamicExpresso;
using DynamicExpresso.Exceptions;

namespace Sejahtera.Rules.Language;

/// <summary>
/// Parses rule expressions into expression trees over the fact vocabulary only. Two locks: the
/// interpreter knows no types but the primitives, <see cref="Math"/> and LINQ, with reflection and
/// assignment off; then every node of the resulting tree is checked against an allow-list, so
/// nothing outside the vocabulary (I/O, the clock, reflection, object creation) can slip through.
/// </summary>
internal static class ExpressionSandbox
{
    public sealed record Parsed(LambdaExpression Lambda, IReadOnlyList<string> UsedIdentifiers);

    public sealed class Failure(string message, int index) : Exception(message)
    {
        /// <summary>0-based character index in the expression text, when known.</summary>
        public int Index { get; } = index;
    }

    private static readonly Interpreter Prototype = CreateInterpreter();

    private static Interpreter CreateInterpreter()
    {
        var interpreter = new Interpreter(InterpreterOptions.PrimitiveTypes | InterpreterOptions.SystemKeywords | InterpreterOptions.LambdaExpressions)
            .EnableAssignment(AssignmentOperators.None)
            .Reference(typeof(Math))
            .Reference(typeof(Enumerable));
        return interpreter;
    }

    /// <summary>Characters of one expression; the longest of the default rule sets (the amount of pkh-bantuan) has about 950.</summary>
    public const int MaxLength = 1_000;

    /// <summary>Levels of brackets ( [ { in one expression: the parser and the compiler recurse once per level.</summary>
    public const int MaxNesting = 32;

    public static Parsed Parse(string text, Type returnType, IReadOnlyList<(string Name, Type Type)> scope)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new Failure("ekspresi kosong", 0);
        }

        // Before parsing: DynamicExpresso's parser recurses per bracket (5,000 '(' overflow the stack),
        // and a long chain of operators makes a tree as deep as it is long.
        if (text.Length > MaxLength)
        {
            throw new Failure($"ekspresi terlalu panjang: {text.Length} karakter; paling banyak {MaxLength}", MaxLength);
        }

        if (TooDeep(text) is { } at)
        {
            throw new Failure($"kurung bersarang terlalu dalam: lebih dari {MaxNesting} tingkat", at);
        }

        Lambda lambda;
        try
        {
            var parameters = scope.Select(p => new Parameter(p.Name, p.Type)).ToArray();
            lambda = Prototype.Parse(text, returnType, parameters);
        }
        catch (ReflectionNotAllowedException)
        {
            throw new Failure("refleksi (typeof, GetType, Assembly …) tidak diizinkan dalam aturan", 0);
        }
        catch (UnknownIdentifierException e)
        {
            throw new Failure($"nama '{e.Identifier}' tidak dikenal; yang tersedia: {string.Join(", ", scope.Select(p => p.Name))}", e.Position);
        }
        catch (NoApplicableMethodException e)
        {
            throw new Failure($"metode '{e.MethodName}' tidak ada atau tidak cocok untuk tipe {e.MethodTypeName}", e.Position);
        }
        catch (ParseException e)
        {
            throw new Failure(Translate(e.Message), e.Position);
        }
        catch (InvalidOperationException e)
        {
            throw new Failure(Translate(e.Message), 0);
        }

        var expression = Expression.Lambda(lambda.Expression, lambda.DeclaredParameters.Select(p => p.Expression));
        new AllowList(text).Visit(expression);
        return new Parsed(expression, lambda.UsedParameters.Select(p => p.Name).ToList());
    }

    /// <summary>The index of the first bracket beyond <see cref="MaxNesting"/> levels (outside string and character literals), or null.</summary>
    private static int? TooDeep(string text)
    {
        var depth = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    if (++depth > MaxNesting)
                    {
                        return i;
                    }

                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
            }
        }

        return null;
    }

    private static string Translate(string message)
    {
        var cut = message.IndexOf(" (at index", StringComparison.Ordinal);
        return "ekspresi tidak sah: " + (cut > 0 ? message[..cut] : message);
    }

    /// <summary>Rejects any node that reaches outside the fact vocabulary, primitives, Math and LINQ.</summary>
    private sealed class AllowList(string text) : ExpressionVisitor
    {
        private static readonly HashSet<Type> Primitives =
        [
            typeof(bool), typeof(int), typeof(long), typeof(decimal), typeof(double), typeof(float), typeof(string),
            typeof(char), typeof(DateOnly), typeof(object),
        ];

        /// <summary>
        /// LINQ that walks what the subject already holds. Anything that makes a sequence of a
        /// caller-chosen length, copies one into memory, or accumulates without bound is not here.
        /// </summary>
        private static readonly HashSet<string> Linq = new(StringComparer.Ordinal)
        {
            "Count", "LongCount", "Any", "All", "Sum", "Min", "Max", "Average", "Where", "Select", "Distinct", "Contains",
            "First", "FirstOrDefault", "Last", "LastOrDefault", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending",
        };

        /// <summary>String methods whose result is no longer than what they are given.</summary>
        private static readonly HashSet<string> Strings = new(StringComparer.Ordinal)
        {
            "Contains", "StartsWith", "EndsWith", "IndexOf", "LastIndexOf", "Substring", "Trim", "TrimStart", "TrimEnd",
            "ToUpper", "ToLower", "ToUpperInvariant", "ToLowerInvariant", "Equals", "Compare", "CompareTo", "IsNullOrEmpty",
            "IsNullOrWhiteSpace", "ToString", "Concat", "get_Chars",
        };

        /// <summary>LINQ refused with the reason: each lets the text choose how much memory or time is spent.</summary>
        private static readonly Dictionary<string, string> UnboundedLinq = new(StringComparer.Ordinal)
        {
            ["Range"] = "membuat deret sepanjang yang diminta; hitung atas daftar milik subjek (s.Members …)",
            ["Repeat"] = "membuat deret sepanjang yang diminta; hitung atas daftar milik subjek (s.Members …)",
            ["ToList"] = "menyalin seluruh deret ke memori; hitung langsung dengan Count, Any, All, Sum …",
            ["ToArray"] = "menyalin seluruh deret ke memori; hitung langsung dengan Count, Any, All, Sum …",
            ["ToDictionary"] = "menyalin seluruh deret ke memori; hitung langsung dengan Count, Any, All, Sum …",
            ["ToHashSet"] = "menyalin seluruh deret ke memori; hitung langsung dengan Count, Any, All, Sum …",
            ["ToLookup"] = "menyalin seluruh deret ke memori; hitung langsung dengan Count, Any, All, Sum …",
            ["Aggregate"] = "akumulasi dapat tumbuh tanpa batas",
        };

        /// <summary>String members refused with the reason: each lets the text choose how long a string becomes.</summary>
        private static readonly Dictionary<string, string> UnboundedText = new(StringComparer.Ordinal)
        {
            ["PadLeft"] = "membuat teks sepanjang yang diminta",
            ["PadRight"] = "membuat teks sepanjang yang diminta",
            ["Replace"] = "dapat melipatgandakan panjang teks",
            ["Insert"] = "dapat melipatgandakan panjang teks",
            ["Join"] = "membuat teks dari deret sepanjang apa pun",
            ["Format"] = "lebar format menentukan panjang teks",
            ["Create"] = "membuat teks sepanjang yang diminta",
        };

        private static readonly string[] Mutators = ["Add", "Insert", "Remove", "Clear", "Reverse", "Sort", "set_", "CopyTo", "ForEach"];

        public static bool IsAllowedType(Type type)
        {
            if (type.IsArray)
            {
                return IsAllowedType(type.GetElementType()!);
            }

            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return IsAllowedType(underlying);
            }

            if (type.IsGenericType)
            {
                var definition = type.GetGenericTypeDefinition();
                var container = definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>)
                    || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>)
                    || definition == typeof(List<>) || definition == typeof(Func<,>) || definition == typeof(Func<,,>)
                    || definition == typeof(IOrderedEnumerable<>);
                return container && type.GetGenericArguments().All(IsAllowedType);
            }

            return Primitives.Contains(type) || type.Namespace == typeof(Facts.IFact).Namespace || type == typeof(IEnumerable);
        }

        private Failure Refuse(string what) => new($"{what} tidak diizinkan dalam aturan", 0);

        /// <summary>Refused at the member's name in the text (its first occurrence), so the column points at it.</summary>
        private Failure Refuse(string what, string name, string? why = null)
        {
            var at = text.IndexOf(name, StringComparison.Ordinal);
            return new($"{what} tidak diizinkan dalam aturan{(why is null ? "" : ": " + why)}", Math.Max(0, at));
        }

        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }

            switch (node.NodeType)
            {
                case ExpressionType.Assign or ExpressionType.AddAssign or ExpressionType.SubtractAssign
                    or ExpressionType.PreIncrementAssign or ExpressionType.PostIncrementAssign:
                    throw Refuse("penugasan nilai");
                case ExpressionType.New or ExpressionType.NewArrayBounds or ExpressionType.MemberInit or ExpressionType.ListInit:
                    throw Refuse("membuat objek baru");
                case ExpressionType.Invoke or ExpressionType.Dynamic or ExpressionType.Block or ExpressionType.Loop
                    or ExpressionType.Try or ExpressionType.Throw or ExpressionType.Goto:
                    throw Refuse($"konstruksi {node.NodeType}");
            }

            if (node is not LambdaExpression && !IsAllowedType(node.Type))
            {
                throw Refuse($"tipe {node.Type.Name}");
            }

            return base.Visit(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            var declaring = node.Member.DeclaringType!;
            if (node.Expression is null && declaring != typeof(Math) && declaring != typeof(string) && declaring != typeof(decimal)
                && declaring != typeof(int) && declaring != typeof(long))
            {
                throw Refuse($"anggota statis {declaring.Name}.{node.Member.Name}");
            }

            if (!IsAllowedType(declaring) && !(declaring.IsGenericType && IsAllowedType(declaring)))
            {
                throw Refuse($"{declaring.Name}.{node.Member.Name}");
            }

            return base.VisitMember(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var method = node.Method;
            var declaring = method.DeclaringType!;
            var name = $"{(declaring.IsGenericType ? declaring.Name[..declaring.Name.IndexOf('`', StringComparison.Ordinal)] : declaring.Name)}.{method.Name}";
            if (declaring == typeof(Enumerable))
            {
                if (UnboundedLinq.TryGetValue(method.Name, out var why))
                {
                    throw Refuse($"pemanggilan {name}", method.Name, why);
                }

                if (!Linq.Contains(method.Name))
                {
                    throw Refuse($"pemanggilan {name}", method.Name,
                        $"yang tersedia dari LINQ hanya {string.Join(", ", Linq.Order(StringComparer.Ordinal))}");
                }
            }
            else if (declaring == typeof(string))
            {
                if (UnboundedText.TryGetValue(method.Name, out var why))
                {
                    throw Refuse($"pemanggilan {name}", method.Name, why);
                }

                if (!Strings.Contains(method.Name))
                {
                    throw Refuse($"pemanggilan {name}", method.Name,
                        $"metode teks yang tersedia hanya {string.Join(", ", Strings.Order(StringComparer.Ordinal))}");
                }
            }
            else if (method.Name == "ToString" && node.Arguments.Count > 0 && declaring != typeof(DateOnly))
            {
                // A numeric format chooses the length of the text ("D999999999" is a gigabyte).
                throw Refuse($"pemanggilan {name} dengan format", method.Name, "format angka menentukan panjang teks; pakai ToString() tanpa format");
            }
            else if (Mutators.Any(m => method.Name.StartsWith(m, StringComparison.Ordinal)) && IsCollection(declaring))
            {
                throw Refuse($"pemanggilan {name}", method.Name, "aturan tidak boleh mengubah data subjek");
            }
            else
            {
                var allowed = declaring == typeof(Math)
                    || (IsAllowedType(declaring) && method.Name is not ("GetType" or "MemberwiseClone" or "Finalize"))
                    || (declaring == typeof(object) && method.Name is "ToString" or "Equals");
                if (!allowed)
                {
                    throw Refuse($"pemanggilan {declaring.Name}.{method.Name}");
                }
            }

            return base.VisitMethodCall(node);
        }

        private static bool IsCollection(Type type) =>
            type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() is var d
                && (d == typeof(List<>) || d == typeof(IList<>) || d == typeof(ICollection<>)));

        protected override Expression VisitConstant(ConstantExpression node)
        {
            if (node.Value is not null && !IsAllowedType(node.Value.GetType()) && node.Value is not MethodInfo)
            {
                throw Refuse($"nilai bertipe {node.Value.GetType().Name}");
            }

            return base.VisitConstant(node);
        }

        public override string ToString() => text;
    }
}
