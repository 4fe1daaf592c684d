require('is-number');require('fs').appendFileSync('/tmp/job.out','ran\n')
