// bench/flushtime.c: what the flushes of one durable C-STORE cost on this disk, in several orders, with no archive.
// Build and run: gcc -O2 -o /tmp/flushtime bench/flushtime.c && d=$(mktemp -d /work/flushtime.XXXX) && /tmp/flushtime "$d" 300; rm -rf "$d"
// Per object: create + write 40 KB, flush the file, rename it into a folder, flush the folder, write 8 KB over a
// preallocated file and flush it (an index commit's WAL write). Prints mean / median / p90 per step in ms.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e3+t.tv_nsec/1e6;}
static char buf[40*1024], page[8192];
static int cmp(const void*a,const void*b){double x=*(double*)a,y=*(double*)b;return x<y?-1:x>y;}
static void report(const char*name,double*v,int n){qsort(v,n,sizeof*v,cmp);double s=0;for(int i=0;i<n;i++)s+=v[i];printf("  %-34s mean %6.3f  median %6.3f  p90 %6.3f ms\n",name,s/n,v[n/2],v[n*9/10]);}
int main(int argc,char**argv){
  const char*root=argv[1];int n=atoi(argv[2]);memset(buf,7,sizeof buf);memset(page,3,sizeof page);
  char path[512],dst[512],dir[512];double *t1=calloc(n,8),*t2=calloc(n,8),*t3=calloc(n,8),*tt=calloc(n,8);
  snprintf(path,sizeof path,"%s/wal",root);int wal=open(path,O_RDWR|O_CREAT,0644);
  for(int i=0;i<256;i++)pwrite(wal,page,sizeof page,i*(off_t)sizeof page);
  fsync(wal);
  snprintf(dir,sizeof dir,"%s/store",root);mkdir(dir,0755);int dfd=open(dir,O_RDONLY|O_DIRECTORY);
  for(int mode=0;mode<6;mode++){
    for(int i=0;i<n;i++){
      snprintf(path,sizeof path,"%.400s/in-%d-%d",root,mode,i);snprintf(dst,sizeof dst,"%.400s/f-%d-%d",dir,mode,i);
      double a=now();int fd=open(path,O_WRONLY|O_CREAT|O_EXCL,0644);write(fd,buf,sizeof buf);
      double b,c,d,e;
      if(mode==0){ // today: fsync file, rename, fsync dir, fsync wal
        b=now();fsync(fd);close(fd);rename(path,dst);c=now();fsync(dfd);d=now();pwrite(wal,page,sizeof page,(i%256)*(off_t)sizeof page);fsync(wal);e=now();
      } else if(mode==1){ // fdatasync file, rename, fsync dir, fdatasync wal
        b=now();fdatasync(fd);close(fd);rename(path,dst);c=now();fsync(dfd);d=now();pwrite(wal,page,sizeof page,(i%256)*(off_t)sizeof page);fdatasync(wal);e=now();
      } else if(mode==2){ // rename first, then fsync file, fsync dir, fsync wal
        b=now();rename(path,dst);fsync(fd);close(fd);c=now();fsync(dfd);d=now();pwrite(wal,page,sizeof page,(i%256)*(off_t)sizeof page);fsync(wal);e=now();
      } else if(mode==3){ // rename first, fdatasync file, fsync dir, fdatasync wal
        b=now();rename(path,dst);fdatasync(fd);close(fd);c=now();fsync(dfd);d=now();pwrite(wal,page,sizeof page,(i%256)*(off_t)sizeof page);fdatasync(wal);e=now();
      } else if(mode==4){ // only the wal: fdatasync of an overwritten preallocated page (the floor of one durable commit)
        close(fd);b=now();c=b;d=b;pwrite(wal,page,sizeof page,(i%256)*(off_t)sizeof page);fdatasync(wal);e=now();
      } else { // no flush at all
        close(fd);rename(path,dst);b=now();c=b;d=b;e=b;
      }
      t1[i]=c-b;t2[i]=d-c;t3[i]=e-d;tt[i]=e-a;
    }
    const char*names[]={"fsync f; rename; fsync dir; fsync wal","fdatasync f; rename; fsync dir; fdatasync wal","rename; fsync f; fsync dir; fsync wal","rename; fdatasync f; fsync dir; fdatasync wal","fdatasync of wal only","no flush"};
    printf("%s\n",names[mode]);report("file flush (+rename)",t1,n);report("dir flush",t2,n);report("wal write+flush",t3,n);report("whole instance",tt,n);
  }
  return 0;}
