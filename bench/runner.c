/* Run commands one after the other; print the wall time and the largest peak RSS.
 *
 *     runner CMDFILE RESULTFILE
 *
 * CMDFILE holds the commands: each argument ends with a NUL byte, each command with
 * one more NUL. The commands inherit the runner's working folder, environment and
 * standard streams. Writes to RESULTFILE "WALL_SECONDS PEAK_KB FAILED_INDEX EXIT_STATUS" (index -1
 * and status 0 when every command succeeded); stops at the first command that fails.
 *
 * Why C: a process's peak RSS (ru_maxrss) starts at the size of the process that
 * forked it, so a Python measurer would put its own 20 MB under every small tool.
 * This runner is a few hundred kB; wait4() gives each command's own peak, its
 * children included.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: runner CMDFILE RESULTFILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    struct stat st;
    fstat(fileno(f), &st);
    char *data = malloc(st.st_size + 2);
    size_t n = fread(data, 1, st.st_size, f);
    fclose(f);
    data[n] = data[n + 1] = 0;

    char **args = malloc(sizeof(char *) * (n + 1));
    long peak = 0;
    int failed = -1, status_out = 0, index = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t pos = 0;
    while (pos < n) {
        int count = 0;
        while (pos < n && data[pos] != 0) {
            args[count++] = data + pos;
            pos += strlen(data + pos) + 1;
        }
        pos++; /* the command's closing NUL */
        if (count == 0) continue;
        args[count] = NULL;
        pid_t pid = fork();
        if (pid == 0) {
            execvp(args[0], args);
            perror(args[0]);
            _exit(127);
        }
        int status;
        struct rusage ru;
        if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) { perror("runner"); return 2; }
        if (ru.ru_maxrss > peak) peak = ru.ru_maxrss;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            failed = index;
            status_out = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            break;
        }
        index++;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    FILE *out = fopen(argv[2], "w");
    if (!out) { perror(argv[2]); return 2; }
    fprintf(out, "%.6f %ld %d %d\n", wall, peak, failed, status_out);
    return fclose(out) == 0 ? 0 : 2;
}
