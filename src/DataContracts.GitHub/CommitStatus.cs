using DataContracts.Application;
using DataContracts.Reports;
using DataContracts.Text;

namespace DataContracts.GitHub;

internal enum CommitStatusState
{
    Success,
    Failure,

    /// <summary>The check could not say (bad input, catalog unusable): never shown as a pass.</summary>
    Error,
}

/// <summary>A commit status as GitHub shows it next to a commit and in the pull request's checks list.</summary>
internal sealed record CommitStatus(CommitStatusState State, string Description, Uri? TargetUrl, string Context = CommitStatus.DefaultContext)
{
    /// <summary>The name branch protection requires; documented in docs/github.md.</summary>
    public const string DefaultContext = "datacontracts";

    /// <summary>GitHub refuses longer descriptions (422).</summary>
    public const int MaxDescriptionLength = 140;

    /// <summary>
    /// The verdict of a check as a status: failure when blocking, error when the check could not finish, success
    /// otherwise. The description is the summary's first line, cut to GitHub's limit; the link is the workflow run.
    /// </summary>
    public static CommitStatus For(CheckResult result, Uri? runUrl)
    {
        var state = result.Outcome switch
        {
            CheckOutcome.Fail => CommitStatusState.Failure,
            CheckOutcome.Error => CommitStatusState.Error,
            _ => CommitStatusState.Success,
        };
        var line = $"{Wording.Verdict(result.Outcome)}: {Wording.Headline(result)}";
        var description = PrintableText.Value(line);
        if (description.Length > MaxDescriptionLength)
        {
            description = description[..(MaxDescriptionLength - 1)] + "…";
        }

        return new CommitStatus(state, description, runUrl);
    }
}
