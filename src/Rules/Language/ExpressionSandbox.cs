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

    public static Parsed Parse(string text, Type returnType, IReadOnlyList<(string Name, Type Type)> scope)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new Failure("ekspresi kosong", 0);
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
            var allowed = declaring == typeof(Enumerable) || declaring == typeof(Math)
                || (IsAllowedType(declaring) && method.Name is not ("GetType" or "MemberwiseClone" or "Finalize"))
                || (declaring == typeof(object) && method.Name is "ToString" or "Equals");
            if (!allowed)
            {
                throw Refuse($"pemanggilan {declaring.Name}.{method.Name}");
            }

            return base.VisitMethodCall(node);
        }

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
