package weaviate

import (
	"context"
	"testing"
	"time"
)

// untilCanceled outlives its parent's deadline (a review: the upgrade of
// a large old collection ran under Open's 30 s and never finished) and
// ends with its parent's cancellation.
func TestUntilCanceled(t *testing.T) {
	timed, cancelTimed := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancelTimed()
	up, stop := untilCanceled(timed)
	defer stop()
	<-timed.Done()
	time.Sleep(10 * time.Millisecond)
	if up.Err() != nil {
		t.Errorf("after the parent's deadline: %v, want still running", up.Err())
	}
	parent, cancel := context.WithCancel(context.Background())
	up2, stop2 := untilCanceled(parent)
	defer stop2()
	cancel()
	select {
	case <-up2.Done():
	case <-time.After(time.Second):
		t.Error("the parent was canceled; the upgrade's context was not")
	}
}
