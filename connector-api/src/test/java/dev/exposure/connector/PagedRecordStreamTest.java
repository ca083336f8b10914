package dev.exposure.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PagedRecordStreamTest {
    private static final Checkpoint SIGNPOST = Checkpoint.builder().connectorId("test").scope("tenant")
            .position("2026-01-01T00:00:00Z").createdAt(Instant.parse("2026-01-01T00:00:00Z")).build();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** A stream over scripted pages that records every fetch and every page close. */
    static final class Scripted extends PagedRecordStream<String, String> {
        final List<String> fetches = new ArrayList<>();
        final List<Integer> closedPages = new ArrayList<>();
        int onCloseCalls;
        private final BiFunction<@Nullable String, Integer, Page<String, String>> script;

        Scripted(BiFunction<@Nullable String, Integer, Page<String, String>> script) {
            this(script, DEFAULT_MAX_PAGES);
        }

        Scripted(BiFunction<@Nullable String, Integer, Page<String, String>> script, int maxPages) {
            super("test findings", new SyncCounters(), SyncListener.NONE, maxPages);
            this.script = script;
        }

        @Override
        protected Page<String, String> fetchPage(@Nullable String token, int pageNumber) {
            fetches.add(pageNumber + ":" + token);
            Page<String, String> page = script.apply(token, pageNumber);
            return new Page<>() {
                @Override
                public Iterator<String> items() {
                    return page.items();
                }

                @Override
                public Optional<String> next() {
                    return page.next();
                }

                @Override
                public Optional<Content> content() {
                    return page.content();
                }

                @Override
                public void close() {
                    closedPages.add(pageNumber);
                }
            };
        }

        @Override
        protected Optional<Checkpoint> completionCheckpoint() {
            return Optional.of(SIGNPOST);
        }

        @Override
        protected void onClose() {
            onCloseCalls++;
        }
    }

    /** Three pages: a, b | c | d, e. */
    static Scripted threePages() {
        return new Scripted((token, n) -> switch (n) {
            case 1 -> Page.of(List.of("a", "b"), "t2");
            case 2 -> Page.of(List.of("c"), "t3");
            default -> Page.of(List.of("d", "e"), null);
        });
    }

    private static List<String> drain(RecordStream<String> stream) {
        List<String> items = new ArrayList<>();
        stream.forEachRemaining(items::add);
        return items;
    }

    @Test
    void shouldFetchNothingBeforeTheFirstHasNext() {
        Scripted stream = threePages();

        assertThat(stream.fetches).isEmpty();
        assertThat(stream.hasNext()).isTrue();
        assertThat(stream.fetches).containsExactly("1:null");
    }

    @Test
    void shouldFollowNextTokensAcrossPagesOnePageAtATime() {
        Scripted stream = threePages();

        assertThat(stream.next()).isEqualTo("a");
        assertThat(stream.next()).isEqualTo("b");
        assertThat(stream.fetches).as("page 2 is fetched only when page 1 is exhausted").containsExactly("1:null");
        assertThat(drain(stream)).containsExactly("c", "d", "e");
        assertThat(stream.fetches).containsExactly("1:null", "2:t2", "3:t3");
        assertThat(stream.closedPages).containsExactly(1, 2, 3);
    }

    @Test
    void shouldSkipEmptyPagesAndEndOnAnEmptyLastPage() {
        Scripted stream = new Scripted((token, n) -> n < 3 ? Page.of(List.of(), "t" + (n + 1)) : Page.of(List.of(), null));

        assertThat(stream.hasNext()).isFalse();
        assertThat(stream.fetches).hasSize(3);
        assertThat(stream.checkpoint()).contains(SIGNPOST);
    }

    @Test
    void shouldGiveTheCheckpointOnlyAfterFullConsumption() {
        Scripted stream = threePages();

        assertThat(stream.checkpoint()).isEmpty();
        stream.next();
        assertThat(stream.checkpoint()).isEmpty();
        stream.next();
        stream.next();
        stream.next();
        stream.next();
        assertThat(stream.checkpoint()).as("last item read, end not yet seen").isEmpty();
        assertThat(stream.hasNext()).isFalse();
        assertThat(stream.checkpoint()).contains(SIGNPOST);
    }

    @Test
    void shouldCountPagesAndRecords() {
        Scripted stream = threePages();

        stream.next();
        assertThat(stream.stats().records()).isEqualTo(1);
        assertThat(stream.stats().pages()).as("a page counts once it was read to its end").isZero();
        drain(stream);

        assertThat(stream.stats().records()).isEqualTo(5);
        assertThat(stream.stats().pages()).isEqualTo(3);
    }

    @Test
    void shouldTellTheListenerAboutEachFinishedPage() {
        List<String> events = new ArrayList<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void onPage(String stream, int pageNumber, long recordsSoFar) {
                events.add(stream + "#" + pageNumber + "=" + recordsSoFar);
            }
        };
        PagedRecordStream<String, String> stream = new PagedRecordStream<>("s", new SyncCounters(), listener) {
            @Override
            protected Page<String, String> fetchPage(@Nullable String token, int pageNumber) {
                return pageNumber == 1 ? Page.of(List.of("a", "b"), "x") : Page.of(List.of("c"), null);
            }
        };

        drain(stream);

        assertThat(events).containsExactly("s#1=2", "s#2=3");
        assertThat(stream.checkpoint()).as("no completion checkpoint by default").isEmpty();
    }

    @Test
    void shouldFailNamingThePageWhenTheApiRepeatsANextToken() {
        Scripted stream = new Scripted((token, n) -> Page.of(List.of("item" + n), "same"));

        Throwable error = catchThrowable(() -> drain(stream));

        assertThat(error).isInstanceOf(DataException.class).hasMessageContaining("test findings page 2")
                .hasMessageContaining("already returned");
        assertThat(stream.fetches).containsExactly("1:null", "2:same");
        assertThat(stream.checkpoint()).isEmpty();
    }

    @Test
    void shouldNameTheRepeatedLinkAndThePageWhenAServerReturnsTheSameNextLinkForever() {
        String link = "https://api.example/machines?$skiptoken=abc";
        Scripted stream = new Scripted((token, n) -> Page.of(List.of("item" + n), link));

        Throwable error = catchThrowable(() -> drain(stream));

        assertThat(error).isInstanceOf(DataException.class).hasMessageContaining("already returned")
                .hasMessageContaining(link).hasMessageContaining("test findings page 2");
        assertThat(stream.fetches).as("the link is followed once, not again").containsExactly("1:null", "2:" + link);
        assertThat(stream.stats().records()).isEqualTo(2);
    }

    /** A vendor's typed page state: a part of an export and the row to resume from. */
    record Part(int index, long row) { }

    @Test
    void shouldStopWhenATypedStateRepeatsAfterOtherStatesAndNameIt() {
        PagedRecordStream<String, Part> stream = new PagedRecordStream<>("test export", new SyncCounters(),
                SyncListener.NONE) {
            @Override
            protected Page<String, Part> fetchPage(@Nullable Part state, int pageNumber) {
                Part next = switch (pageNumber) {
                    case 1 -> new Part(0, 100);
                    case 2 -> new Part(1, 0);
                    default -> new Part(0, 100);   // back to the state of page 2
                };
                return Page.of(List.of("row" + pageNumber), next);
            }
        };

        Throwable error = catchThrowable(() -> drain(stream));

        assertThat(error).isInstanceOf(DataException.class).hasMessageContaining("already returned")
                .hasMessageContaining("Part[index=0, row=100]").hasMessageContaining("test export page 3");
        assertThat(stream.stats().records()).isEqualTo(3);
        assertThat(stream.checkpoint()).isEmpty();
    }

    /** A page that tells the guard its content: every page holds the same two records. */
    private static Page<String, String> sameRowsUnderANewLink(int n) {
        return new Page<>() {
            @Override
            public Iterator<String> items() {
                return List.of("a1", "a2").iterator();
            }

            @Override
            public Optional<String> next() {
                return Optional.of("https://api.example/machines?$skip=" + (n * 7));
            }

            @Override
            public Optional<Content> content() {
                return Optional.of(new Content(2, 0x1234_5678L));
            }
        };
    }

    @Test
    void shouldStopWhenTheSamePageComesBackUnderANewLinkAndNameBothPages() {
        Scripted stream = new Scripted((token, n) -> sameRowsUnderANewLink(n));

        Throwable error = catchThrowable(() -> drain(stream));

        assertThat(error).isInstanceOf(DataException.class).hasMessageContaining("same page again")
                .hasMessageContaining("as page 1").hasMessageContaining("https://api.example/machines?$skip=7")
                .hasMessageContaining("test findings page 2");
        assertThat(stream.fetches).hasSize(2);
        assertThat(stream.checkpoint()).isEmpty();
    }

    @Test
    void shouldStopAfterTheConfiguredNumberOfEmptyPagesThatStillNameANextState() {
        PagedRecordStream<String, Integer> stream = new PagedRecordStream<>("test findings", new SyncCounters(),
                SyncListener.NONE, 100, 3) {
            @Override
            protected Page<String, Integer> fetchPage(@Nullable Integer state, int pageNumber) {
                return emptyPage(pageNumber);
            }
        };

        Throwable error = catchThrowable(() -> drain(stream));

        assertThat(error).isInstanceOf(DataException.class).hasMessageContaining("3 empty pages in a row")
                .hasMessageContaining("test findings page 3");
        assertThat(stream.stats().pages()).isEqualTo(2);
    }

    /** A page that tells the guard the API sent no rows on it. */
    private static Page<String, Integer> emptyPage(int next) {
        return new Page<>() {
            @Override
            public Iterator<String> items() {
                return java.util.Collections.emptyIterator();
            }

            @Override
            public Optional<Integer> next() {
                return Optional.of(next);
            }

            @Override
            public Optional<Content> content() {
                return Optional.of(new Content(0, 0));
            }
        };
    }

    @Test
    void shouldNotCountPagesThatDoNotTellTheirContentAsEmpty() {
        PagedRecordStream<String, Integer> stream = new PagedRecordStream<>("test export", new SyncCounters(),
                SyncListener.NONE, 100, 2) {
            @Override
            protected Page<String, Integer> fetchPage(@Nullable Integer state, int pageNumber) {
                return pageNumber < 6 ? Page.of(List.of(), pageNumber) : Page.of(List.of("last"), null);
            }
        };

        assertThat(drain(stream)).containsExactly("last");
    }

    @Test
    void shouldAcceptManyEmptyPagesByDefault() {
        Scripted stream = new Scripted((token, n) -> n < 50 ? Page.of(List.of(), "t" + n) : Page.of(List.of("z"), null));

        assertThat(drain(stream)).containsExactly("z");
        assertThat(stream.checkpoint()).contains(SIGNPOST);
    }

    @Test
    void shouldRefuseAnEmptyPageBoundBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PagedRecordStream<String, String>("s",
                new SyncCounters(), SyncListener.NONE, 10, 0) {
            @Override
            protected Page<String, String> fetchPage(@Nullable String state, int pageNumber) {
                return Page.of(List.of(), null);
            }
        }).withMessageContaining("maxEmptyPages");
    }

    @Test
    void shouldStopAtTheMaximumPageCount() {
        Scripted stream = new Scripted((token, n) -> Page.of(List.of("item" + n), "t" + (n + 1)), 3);

        List<String> seen = new ArrayList<>();
        Throwable error = catchThrowable(() -> stream.forEachRemaining(seen::add));

        assertThat(error).isInstanceOf(DataException.class).hasMessageContaining("stopped after 3 pages")
                .hasMessageContaining("test findings page 4").hasMessageContaining("next: t4");
        assertThat(seen).containsExactly("item1", "item2", "item3");
        assertThat(stream.fetches).hasSize(3);
    }

    @Test
    void shouldRefuseAMaximumBelowOnePage() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Scripted((t, n) -> Page.of(List.of(), null), 0))
                .withMessageContaining("maxPages");
    }

    @Test
    void shouldStayFailedWithTheSameException() {
        TransientException outage = new TransientException("HTTP 503", "https://api.example/page2", null);
        Scripted stream = new Scripted((token, n) -> {
            if (n == 2) {
                throw outage;
            }
            return Page.of(List.of("a"), "t2");
        });

        assertThat(stream.next()).isEqualTo("a");
        assertThatThrownBy(stream::hasNext).isSameAs(outage);
        assertThatThrownBy(stream::hasNext).isSameAs(outage);
        assertThatThrownBy(stream::next).isSameAs(outage);
        assertThat(stream.fetches).as("no retry after failure").hasSize(2);
        assertThat(stream.checkpoint()).isEmpty();
    }

    @Test
    void shouldWrapAnUnexpectedRuntimeExceptionInADataExceptionNamingThePage() {
        IllegalStateException bug = new IllegalStateException("parser bug");
        Scripted stream = new Scripted((token, n) -> n == 1 ? Page.of(List.of("a"), "t2") : new Page<>() {
            @Override
            public Iterator<String> items() {
                throw bug;
            }

            @Override
            public Optional<String> next() {
                return Optional.empty();
            }
        });
        stream.next();

        Throwable error = catchThrowable(stream::hasNext);

        assertThat(error).isInstanceOf(DataException.class).hasCause(bug)
                .hasMessageContaining("IllegalStateException").hasMessageContaining("test findings page 2");
        assertThat(((DataException) error).source()).contains("test findings page 2");
        assertThatThrownBy(stream::hasNext).isSameAs(error);
    }

    @Test
    void shouldWrapAFailureWhileReadingAnItem() {
        PagedRecordStream<String, String> failing = new PagedRecordStream<>("s", new SyncCounters(), SyncListener.NONE) {
            @Override
            protected Page<String, String> fetchPage(@Nullable String token, int pageNumber) {
                Iterator<String> items = new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return true;
                    }

                    @Override
                    public String next() {
                        throw new NumberFormatException("bad number");
                    }
                };
                return new Page<>() {
                    @Override
                    public Iterator<String> items() {
                        return items;
                    }

                    @Override
                    public Optional<String> next() {
                        return Optional.empty();
                    }
                };
            }
        };

        assertThatExceptionOfType(DataException.class).isThrownBy(failing::next)
                .withMessageContaining("s page 1").withCauseInstanceOf(NumberFormatException.class);
        assertThat(failing.stats().records()).isZero();
    }

    @Test
    void shouldStopWithConnectorInterruptedExceptionBetweenItemsAndKeepTheFlag() {
        Scripted stream = threePages();
        stream.next();

        Thread.currentThread().interrupt();
        Throwable error = catchThrowable(stream::hasNext);

        assertThat(error).isInstanceOf(ConnectorInterruptedException.class).hasMessageContaining("page 1");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(stream.closedPages).as("the open page is released").containsExactly(1);
        assertThat(stream.checkpoint()).isEmpty();
        Thread.interrupted();
        assertThatThrownBy(stream::hasNext).as("stays failed after the interrupt").isSameAs(error);
    }

    @Test
    void shouldNotFetchAnythingWhenInterruptedBeforeTheFirstHasNext() {
        Scripted stream = threePages();

        Thread.currentThread().interrupt();

        assertThatExceptionOfType(ConnectorInterruptedException.class).isThrownBy(stream::hasNext);
        assertThat(stream.fetches).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void shouldTurnAFailureOnAnInterruptedThreadIntoConnectorInterruptedException() {
        Scripted stream = new Scripted((token, n) -> {
            Thread.currentThread().interrupt();   // e.g. the HTTP client saw the interrupt and gave up
            throw new java.io.UncheckedIOException(new java.io.InterruptedIOException("read interrupted"));
        });

        Throwable error = catchThrowable(stream::hasNext);

        assertThat(error).isInstanceOf(ConnectorInterruptedException.class)
                .hasCauseInstanceOf(java.io.UncheckedIOException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void shouldTreatAWrappedInterruptedExceptionAsAnInterruptEvenWhenTheFlagWasCleared() {
        // azure-core's JDK HTTP client throws RuntimeException(InterruptedException) and clears the flag
        Scripted stream = new Scripted((token, n) -> {
            throw new RuntimeException(new InterruptedException());
        });

        Throwable error = catchThrowable(stream::hasNext);

        assertThat(error).isInstanceOf(ConnectorInterruptedException.class).hasMessageContaining("page 1");
        assertThat(Thread.currentThread().isInterrupted()).as("flag restored").isTrue();
    }

    @Test
    void shouldNotMistakeASocketTimeoutForAnInterrupt() {
        Scripted stream = new Scripted((token, n) -> {
            throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException("read timed out"));
        });

        assertThat(catchThrowable(stream::hasNext)).isInstanceOf(DataException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void shouldCloseTheOpenPageWhenClosedMidPage() {
        Scripted stream = threePages();
        stream.next();

        stream.close();
        stream.close();

        assertThat(stream.closedPages).containsExactly(1);
        assertThat(stream.onCloseCalls).isEqualTo(1);
        assertThat(stream.hasNext()).isFalse();
        assertThat(stream.checkpoint()).isEmpty();
        assertThat(stream.fetches).hasSize(1);
        assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(stream::next)
                .withMessageContaining("test findings");
    }

    @Test
    void shouldCloseTheStreamWhenItsJavaStreamIsClosed() {
        Scripted stream = threePages();

        try (Stream<String> s = stream.stream()) {
            assertThat(s.findFirst()).contains("a");
        }

        assertThat(stream.onCloseCalls).isEqualTo(1);
        assertThat(stream.closedPages).containsExactly(1);
        assertThat(stream.hasNext()).isFalse();
    }

    @Test
    void shouldThrowNoSuchElementAtTheEnd() {
        Scripted stream = new Scripted((token, n) -> Page.of(List.of("only"), null));

        assertThat(stream.next()).isEqualTo("only");
        assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(stream::next);
        assertThat(stream.checkpoint()).contains(SIGNPOST);
    }

    @Test
    void shouldAnswerHasNextRepeatedlyWithoutSkippingItems() {
        Scripted stream = threePages();

        assertThat(stream.hasNext()).isTrue();
        assertThat(stream.hasNext()).isTrue();
        assertThat(stream.next()).isEqualTo("a");
        assertThat(stream.hasNext()).isTrue();
        assertThat(stream.next()).isEqualTo("b");
        assertThat(stream.hasNext()).isTrue();
        assertThat(stream.next()).isEqualTo("c");
    }
}
