/**
 * The command-line tool {@code model-registry}: picocli commands over a registry opened in this process
 * ({@code LocalSession}: a directory with {@code --root}, or a registry URI such as PostgreSQL + S3 with
 * {@code --registry}) or a model-registry server ({@code --url}, {@code RemoteSession} over its REST API), plus
 * {@code serve} and {@code token}, which run that server and manage its bearer tokens.
 *
 * <p>{@link dev.modelregistry.cli.Main} is the launcher's entry point,
 * {@link dev.modelregistry.cli.ModelRegistryCommand} the top of the command tree and
 * {@link dev.modelregistry.cli.ExitCodes} the documented exit codes. The commands themselves are package-private:
 * their contract is the command line and its {@code --json} output, documented in {@code docs/cli.md}, not their
 * classes.
 */
package dev.modelregistry.cli;
