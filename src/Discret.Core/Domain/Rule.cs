using System.Linq.Expressions;

namespace Discret.Domain;

/// <summary>
/// A rule about an entity and one argument (a day, an account), written once as an expression: queries filter with
/// <see cref="For"/> (EF Core translates it to SQL, the argument as a parameter), code asks <see cref="Holds"/> (the same
/// expression, compiled once). So "a hold in force on a day" or "a worker involved in a follow-up" cannot drift
/// between a page and a query.
/// </summary>
public sealed class Rule<T, TArg>
{
    private readonly Expression<Func<T, TArg, bool>> _rule;
    private readonly Func<T, TArg, bool> _compiled;

    public Rule(Expression<Func<T, TArg, bool>> rule)
    {
        _rule = rule;
        _compiled = rule.Compile();
    }

    /// <summary>The rule for one argument, as a predicate a query can use.</summary>
    public Expression<Func<T, bool>> For(TArg argument)
    {
        // A member of a closure object, not a constant: EF Core sends it as a parameter and keeps one plan for every value.
        var value = Expression.Property(Expression.Constant(new Argument(argument)), nameof(Argument.Value));
        var body = new Substitute(_rule.Parameters[1], value).Visit(_rule.Body);
        return Expression.Lambda<Func<T, bool>>(body, _rule.Parameters[0]);
    }

    public bool Holds(T item, TArg argument) => _compiled(item, argument);

    private sealed class Argument(TArg value)
    {
        public TArg Value { get; } = value;
    }

    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}

/// <summary>
/// A rule about an entity alone ("a file in daily work"), written once as an expression: queries filter with it (it
/// converts to the expression EF Core translates, so <c>persons.Where(Person.InDailyWork)</c> reads as it means), or
/// with <see cref="Negated"/> for what the rule leaves out; code asks <see cref="Holds"/> (the same expression, compiled once).
/// </summary>
public sealed class Rule<T>
{
    private readonly Func<T, bool> _compiled;

    public Rule(Expression<Func<T, bool>> rule)
    {
        Expression = rule;
        Negated = System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(System.Linq.Expressions.Expression.Not(rule.Body), rule.Parameters);
        _compiled = rule.Compile();
    }

    public Expression<Func<T, bool>> Expression { get; }

    /// <summary>The entities the rule does not hold for.</summary>
    public Expression<Func<T, bool>> Negated { get; }

    public bool Holds(T item) => _compiled(item);

    public static implicit operator Expression<Func<T, bool>>(Rule<T> rule) => rule.Expression;
}
