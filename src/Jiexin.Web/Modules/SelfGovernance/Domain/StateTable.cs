namespace Jiexin.Modules.SelfGovernance.Domain;

/// <summary>Who acts and when (UTC).</summary>
public sealed record ActContext(Guid? UserId, string UserName, DateTime Now);

/// <summary>A guard's refusal: the field it concerns and a zh-CN message.</summary>
public sealed record GuardFailure(string Field, string Message);

/// <summary>
/// One row of a transition table: from which states, to which (null: stays, or <paramref name="Next"/> decides),
/// under which guard, with which effect. Like Events' EventWorkflow: handlers never branch on status.
/// </summary>
public sealed record Transition<TEntity, TStatus, TAction, TInput>(
    TAction Action,
    string Name,
    IReadOnlySet<TStatus> From,
    TStatus? To,
    Func<TEntity, TInput, GuardFailure?> Guard,
    Action<TEntity, TInput, ActContext> Apply,
    Func<TEntity, TStatus>? Next = null)
    where TStatus : struct, Enum
    where TAction : struct, Enum;

public enum StepFailure
{
    None,
    UnknownAction,
    WrongStatus,
    GuardFailed,
}

public sealed record StepResult(StepFailure Failure, string? Message = null, string? Field = null)
{
    public static readonly StepResult Ok = new(StepFailure.None);

    public bool Succeeded => Failure == StepFailure.None;
}

/// <summary>A state machine as a list of <see cref="Transition{TEntity,TStatus,TAction,TInput}"/> rows over a status property.</summary>
public sealed class StateTable<TEntity, TStatus, TAction, TInput>(
    IReadOnlyList<Transition<TEntity, TStatus, TAction, TInput>> rows,
    Func<TEntity, TStatus> getStatus,
    Action<TEntity, TStatus> setStatus,
    Func<TStatus, string> statusName)
    where TStatus : struct, Enum
    where TAction : struct, Enum
{
    public IReadOnlyList<Transition<TEntity, TStatus, TAction, TInput>> Rows => rows;

    public Transition<TEntity, TStatus, TAction, TInput>? Find(TAction action) => rows.FirstOrDefault(r => r.Action.Equals(action));

    /// <summary>The actions the state of <paramref name="entity"/> allows now (guards aside).</summary>
    public IReadOnlyList<TAction> Available(TEntity entity) => [.. rows.Where(r => r.From.Contains(getStatus(entity))).Select(r => r.Action)];

    public StepResult Apply(TEntity entity, TAction action, TInput input, ActContext context)
    {
        if (Find(action) is not { } row)
        {
            return new(StepFailure.UnknownAction, $"未知的操作：{action}。");
        }

        var status = getStatus(entity);
        if (!row.From.Contains(status))
        {
            return new(StepFailure.WrongStatus, $"当前状态为“{statusName(status)}”，不能{row.Name}。");
        }

        if (row.Guard(entity, input) is { } failure)
        {
            return new(StepFailure.GuardFailed, failure.Message, failure.Field);
        }

        row.Apply(entity, input, context);
        if (row.To is { } to)
        {
            setStatus(entity, to);
        }

        if (row.Next is { } next)
        {
            setStatus(entity, next(entity));
        }

        return StepResult.Ok;
    }
}

internal static class States
{
    public static IReadOnlySet<T> Of<T>(params T[] states) => new HashSet<T>(states);
}
