namespace DataContracts.Fakes;

internal static class Placeholder
{
}
