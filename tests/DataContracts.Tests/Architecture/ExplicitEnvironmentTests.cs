using System.Reflection;
using System.Runtime.CompilerServices;
using DataContracts.Application;
using DataContracts.Tool.Cli;

namespace DataContracts.Tests.Architecture;

/// <summary>
/// A request or CLI context built without an environment used to read the real process environment, so a test on a
/// CI runner (GITHUB_ACTIONS, SECODA_API_TOKEN, ...) saw different settings than on a laptop. Both are now required
/// members: a missing environment is a compile error, and this pins that it stays one.
/// </summary>
public class ExplicitEnvironmentTests
{
    [Theory]
    [InlineData(typeof(CheckRequest))]
    [InlineData(typeof(CliContext))]
    public void TheEnvironmentIsARequiredMemberWithNoDefault(Type type)
    {
        var property = type.GetProperty("Environment", BindingFlags.Public | BindingFlags.Instance)!;

        Assert.True(property.IsDefined(typeof(RequiredMemberAttribute)), $"{type.Name}.Environment must be `required`.");
    }
}
